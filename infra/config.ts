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
import { parseSweepSchedule } from './sweep-schedule';

const list = <T extends z.ZodTypeAny>(item: T) => z.preprocess(
  (v) => (typeof v === 'string' ? v.split(/[\s,]+/).filter(Boolean) : v),
  z.array(item),
);
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const bool = z.preprocess((v) => (typeof v === 'string' ? v === 'true' : v), z.boolean());
const accountId = z.string().regex(/^\d{12}$/, 'a 12-digit AWS account ID');
/** Zone IDs name the same physical AZ in every account (use1-az1), unlike AZ names (us-east-1a). */
const azId = z.string().regex(/^[a-z]{2,5}\d{1,2}(-[a-z]{3}\d{1,2})?-az\d{1,2}$/, 'an AZ ID like use1-az1 (not an AZ name like us-east-1a)');
/** What IAM accepts for sts:ExternalId (2–1224 of [\w+=,.@:/-]); 16 or more so that it cannot be guessed. */
export const EXTERNAL_ID_PATTERN = '^[\\w+=,.@:/-]{16,1224}$';
/**
 * VPC Lattice names (resource gateway `<prefix>-gateway`, configuration `<prefix>-squid`): a-z, 0-9 and
 * single hyphens, not first or last, at most 40 characters.
 */
const PREFIX = /^[a-z](?:[a-z0-9]|-(?=[a-z0-9])){0,30}$/;
/** Keys of earlier versions, refused with what replaces them so that an old config file fails loudly. */
const REPLACED_KEYS: Record<string, string> = {
  azCount: 'the hub now uses every AZ of its region; set availabilityZoneIds to choose AZs',
  availabilityZones: 'use availabilityZoneIds (AZ IDs such as use1-az1: names differ between accounts)',
};
const cidr = z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, 'an IPv4 CIDR like 10.0.0.0/16');

export const configSchema = z.object({
  /** Prefix of stack names and of the physical names the operator needs to know in advance. */
  prefix: z.string().regex(PREFIX, 'lower case letters, digits and single hyphens, starting with a letter, at most 31 characters (VPC Lattice names)').default('egress-operator'),

  // ---- hub ----
  vpcCidr: cidr.default('10.0.0.0/16'),
  /**
   * AZ IDs of the hub (use1-az1,use1-az2). Default: every AZ of the region, so that every project
   * VPC, in any account, shares AZ IDs with the resource gateway.
   */
  availabilityZoneIds: list(azId).default([]),
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
  /** Schedule of the fleet sweep (only wired when the reconcile-fleet workflow exists): rate(…) or cron(…), see sweep-schedule.ts. */
  fleetSweepSchedule: z.string().default('rate(15 minutes)'),
  /** With a cron() sweep schedule: the longest time between two sweeps, in seconds (a rate() gives it). */
  fleetSweepIntervalSeconds: int(60, 31 * 86400).optional(),
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
  /**
   * ExternalId the operator passes when it assumes the member role; no default (a well-known value
   * would let anyone who can name the role assume it through a confused deputy). `openssl rand -hex 32`.
   */
  memberExternalId: z.string().regex(new RegExp(EXTERNAL_ID_PATTERN), '16 to 1224 characters of [A-Za-z0-9_+=,.@:/-], e.g. from `openssl rand -hex 32`').optional(),
  logRetentionDays: z.coerce.number().int().default(30),
  /**
   * Endpoint creations (and deletions) started per second per account and Region in a rollout (docs/design.md#workflows,
   * "Pacing"); default 0.27, under EC2's documented 0.3/s. Raise it only for accounts whose EC2 limits were raised.
   */
  endpointPacingRate: z.coerce.number().positive().max(100).optional(),
  /** `false`: every reconcile starts at once (no pacing of endpoint creation). */
  rolloutPacing: bool.default(true),
  /** How long a new resource endpoint takes to provision in your accounts (default 120): AwaitProvisioning waits this long. */
  endpointProvisioningSeconds: int(0, 3600).optional(),
  /** Optional e-mail address subscribed to the alarm topic. */
  alarmEmail: z.string().email().optional(),

  // ---- member ----
  /** Account of the operator stack; the member stack takes it as a parameter default. */
  operatorAccountId: accountId.optional(),
  /** Region of the operator stack (its bus); the member stack takes it as a parameter default. */
  operatorRegion: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'a region like eu-west-1').optional(),
  /** The one region per member account whose StackSet instance creates the member role (IAM is global). */
  memberRoleRegion: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'a region like eu-west-1').optional(),
}).superRefine((config, ctx) => {
  const schedule = parseSweepSchedule(config.fleetSweepSchedule);
  if (schedule.kind === 'invalid') ctx.addIssue({ code: 'custom', path: ['fleetSweepSchedule'], message: schedule.problem });
  if (schedule.kind === 'cron' && config.fleetSweepIntervalSeconds === undefined) {
    ctx.addIssue({
      code: 'custom', path: ['fleetSweepIntervalSeconds'],
      message: 'required with a cron() fleetSweepSchedule: the longest time between two sweeps, in seconds (fleet snapshots and '
        + 'Ready statuses are judged in sweep periods, and a cron() does not say its period)',
    });
  }
  if (schedule.kind === 'rate' && config.fleetSweepIntervalSeconds !== undefined && config.fleetSweepIntervalSeconds !== schedule.seconds) {
    ctx.addIssue({
      code: 'custom', path: ['fleetSweepIntervalSeconds'],
      message: `${config.fleetSweepIntervalSeconds} disagrees with fleetSweepSchedule '${config.fleetSweepSchedule}' (${schedule.seconds} s): leave it out with a rate() schedule`,
    });
  }
  if ((config.memberAccounts.length || config.organizationId) && !config.memberExternalId) {
    ctx.addIssue({
      code: 'custom', path: ['memberExternalId'],
      message: 'required with memberAccounts or organizationId (no default: generate one with `openssl rand -hex 32` and give '
        + 'the same value to the member stacks\' ExternalId parameter)',
    });
  }
  const custom = config.proxyCustomDomainName;
  const target = config.proxyDomainName.replace(/\.$/, '').toLowerCase();
  // https://docs.aws.amazon.com/vpc/latest/privatelink/use-resource-endpoint.html: with IN_VPC resolution
  // (the hub's gateway) VPC Lattice creates no resource endpoint when the custom domain is the same as, or a
  // higher-level domain of, the domain-name target.
  if (custom && (target === custom || target.endsWith(`.${custom}`))) {
    ctx.addIssue({
      code: 'custom', path: ['proxyCustomDomainName'],
      message: `'${custom}' is ${target === custom ? 'the same as' : 'a parent of'} proxyDomainName '${target}': the resource gateway `
        + 'resolves that name IN_VPC, and then VPC Lattice creates no resource endpoint (PrivateLink guide, "Access a resource '
        + 'through a resource VPC endpoint"); choose a name outside that domain',
    });
  }
});

const configShape = configSchema.shape;

export type EgressConfig = z.infer<typeof configSchema>;

/** Read the config file (if any), overlay context keys, validate, apply defaults. */
export function loadConfig(tryGetContext: (key: string) => unknown, cwd = process.cwd()): EgressConfig {
  const file = tryGetContext('configFile') as string | undefined;
  const path = resolve(cwd, file ?? 'egress.config.json');
  let fromFile: Record<string, unknown> = {};
  if (existsSync(path)) fromFile = JSON.parse(readFileSync(path, 'utf8'));
  else if (file) throw new Error(`config file ${path} (from -c configFile) does not exist`);

  const merged: Record<string, unknown> = { ...fromFile };
  for (const key of Object.keys(REPLACED_KEYS)) {
    if (key in fromFile || tryGetContext(key) !== undefined) throw new Error(`invalid egress-operator config: ${key} is no longer read: ${REPLACED_KEYS[key]}`);
  }
  for (const key of Object.keys(configShape)) {
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
