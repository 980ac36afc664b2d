/**
 * Typed configuration of the CDK app, with defaults. Values come from a JSON config file
 * (`-c configFile=path`, default `egress.config.json` when present) and are overridden by single
 * CDK context keys (`-c vpcCidr=10.1.0.0/16`). Context values arrive as strings, so every field
 * accepts its string form too (numbers, booleans, comma-separated lists). infra/README.md documents
 * each key; nothing here needs an AWS account, so `cdk synth` works on a fresh clone.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

const list = <T extends z.ZodTypeAny>(item: T) => z.preprocess(
  (v) => (typeof v === 'string' ? v.split(/[\s,]+/).filter(Boolean) : v),
  z.array(item),
);
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const bool = z.preprocess((v) => (typeof v === 'string' ? v === 'true' : v), z.boolean());
const accountId = z.string().regex(/^\d{12}$/, 'a 12-digit AWS account ID');
const cidr = z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, 'an IPv4 CIDR like 10.0.0.0/16');

export const configSchema = z.object({
  /** Prefix of stack names and of the physical names the operator needs to know in advance. */
  prefix: z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,30}$/).default('egress-operator'),

  // ---- hub ----
  vpcCidr: cidr.default('10.0.0.0/16'),
  /** AZs of the hub. Without explicit `availabilityZones` an account-agnostic synth offers 2. */
  azCount: int(1, 6).default(2),
  availabilityZones: list(z.string()).default([]),
  /** `one` NAT gateway (cheaper; egress stops if its AZ fails) or `per-az`. */
  natGateways: z.enum(['one', 'per-az']).default('one'),
  /** One Squid per AZ instead of one Squid in the first AZ. */
  highAvailability: bool.default(false),
  proxyPort: int(1, 65535).default(3128),
  /** Ports CONNECT may tunnel to (plain http:// always goes to 80 only). */
  allowPorts: list(int(1, 65535)).default([443]),
  /** When non-empty, Squid forwards only to these domains (`.example.com` includes subdomains). */
  allowDomains: list(z.string()).default([]),
  squidInstanceType: z.string().default('t4g.small'),
  /** Private DNS name of Squid in the hub, resolved IN_VPC by the resource gateway. */
  proxyDomainName: z.string().default('squid.egress-proxy.internal'),
  /**
   * Custom domain name on the resource configuration (e.g. proxy.egress.example.com): every project
   * endpoint then gets private DNS for it, so every VPC's proxy URL is the same and survives endpoint
   * replacement. Verify the domain in VPC Lattice first (domainVerificationId) or projects must accept
   * unverified domains; the operator opts endpoints in with PrivateDnsPreference ALL_DOMAINS.
   */
  proxyCustomDomainName: z.string().regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'a lower-case DNS name').optional(),
  /** VPC Lattice domain verification ID for proxyCustomDomainName. */
  proxyDomainVerificationId: z.string().optional(),
  /** RAM share of the resource configuration: account IDs and/or the organization ARN. */
  shareWithAccounts: list(accountId).default([]),
  shareWithOrganizationArn: z.string().regex(/^arn:aws[a-z-]*:organizations::\d{12}:organization\/o-[a-z0-9]+$/).optional(),

  // ---- operator ----
  /** Schedule of the fleet sweep (only wired when the reconcile-fleet workflow exists). */
  fleetSweepSchedule: z.string().default('rate(15 minutes)'),
  proxyCheckTarget: z.string().default('aws.amazon.com:443'),
  /** Where the sweep looks, `account:region` each; default: own account and the member accounts, this region. */
  fleetTargets: list(z.string().regex(/^\d{12}:[a-z]{2}(-[a-z]+)+-\d$/, 'account:region')).default([]),
  /** Bus the status events go to (`default` lets anyone in the account subscribe as to AWS events). */
  statusEventBusName: z.string().default('default'),
  /** Member accounts allowed to put events on the operator bus and whose role the operator assumes. */
  memberAccounts: list(accountId).default([]),
  /** Alternative to the account list: every account of this organization (`o-…`). */
  organizationId: z.string().regex(/^o-[a-z0-9]{10,32}$/).optional(),
  memberRoleName: z.string().default('egress-operator-member'),
  memberExternalId: z.string().min(2).default('egress-operator'),
  logRetentionDays: z.coerce.number().int().default(30),
  /** Optional e-mail address subscribed to the alarm topic. */
  alarmEmail: z.string().email().optional(),

  // ---- member ----
  /** Account of the operator stack; the member stack takes it as a parameter default. */
  operatorAccountId: accountId.optional(),
});

export type EgressConfig = z.infer<typeof configSchema>;

/** Read the config file (if any), overlay context keys, validate, apply defaults. */
export function loadConfig(tryGetContext: (key: string) => unknown, cwd = process.cwd()): EgressConfig {
  const file = tryGetContext('configFile') as string | undefined;
  const path = resolve(cwd, file ?? 'egress.config.json');
  let fromFile: Record<string, unknown> = {};
  if (existsSync(path)) fromFile = JSON.parse(readFileSync(path, 'utf8'));
  else if (file) throw new Error(`config file ${path} (from -c configFile) does not exist`);

  const merged: Record<string, unknown> = { ...fromFile };
  for (const key of Object.keys(configSchema.shape)) {
    const value = tryGetContext(key);
    if (value !== undefined) merged[key] = value;
  }
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid egress-operator config: ${problems}`);
  }
  return parsed.data;
}

/** Defaults only: what tests and platform teams start from. */
export function defaultConfig(overrides: Partial<z.input<typeof configSchema>> = {}): EgressConfig {
  return configSchema.parse(overrides);
}
