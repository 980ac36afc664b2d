/**
 * The campaign's invariants (docs/design.md#errors, #tag-contract), checked against the exact local
 * EC2 store once the faults have stopped:
 * - a valid opt-in is Ready with exactly one live owned endpoint, the one `egress-proxy:endpoint` names,
 *   and one owned security group;
 * - an opted-out VPC holds no owned resources and no status keys — except, with `retain`, the address
 *   keys of the kept endpoint, and a `NotOptedIn` reason when `egress` holds another value;
 * - an invalid spec is Error with an InvalidSpec reason and nothing created;
 * - no owned resource anywhere whose owner VPC is gone or not in the fleet (leaks).
 */
import type { Ec2Store } from '../local/ec2/store';
import type { FleetVpc } from './fleet';
import { isOwned, ownedIn } from './owned';
import type { Expectation } from './owners';

export type ViolationKind = 'not-converged' | 'duplicate' | 'leak' | 'foreign-touched' | 'peak-endpoints';

export interface Violation { kind: ViolationKind; vpcId?: string; detail: string }

const STATUS_PREFIX = 'egress-proxy';
const ADDRESS_KEYS = ['egress-proxy', 'egress-proxy:endpoint'];
const isStatusKey = (k: string) => k === STATUS_PREFIX || k.startsWith(`${STATUS_PREFIX}:`);

function checkVpc(store: Ec2Store, vpc: FleetVpc, expect: Expectation): Violation[] {
  const out: Violation[] = [];
  const fail = (kind: ViolationKind, detail: string) => out.push({ kind, vpcId: vpc.vpcId, detail });
  const tags = Object.fromEntries(store.vpcs.get(vpc.vpcId)?.tags ?? []);
  const status = Object.keys(tags).filter(isStatusKey);
  const owned = ownedIn(store, vpc.vpcId);
  const state = tags['egress-proxy:state'];
  const reason = tags['egress-proxy:reason'] ?? '';
  if (expect === 'ready') {
    if (state !== 'Ready') fail('not-converged', `expected Ready, is ${state ?? '(no state)'}: ${reason.slice(0, 160)}`);
    if (owned.live.length > 1) fail('duplicate', `${owned.live.length} live owned endpoints: ${owned.live.map((e) => e.id).join(', ')}`);
    if (owned.live.length === 0) fail('not-converged', 'no live owned endpoint');
    else if (owned.live.length === 1 && tags['egress-proxy:endpoint'] !== owned.live[0].id) {
      fail('not-converged', `egress-proxy:endpoint is ${tags['egress-proxy:endpoint'] ?? '(none)'}, the owned endpoint is ${owned.live[0].id}`);
    }
    if (!/^http:\/\/\S+:\d+$/.test(tags['egress-proxy'] ?? '')) fail('not-converged', `egress-proxy is ${JSON.stringify(tags['egress-proxy'] ?? null)}`);
    const dead = owned.present.filter((e) => !owned.live.includes(e) && e.state !== 'Deleting');
    if (dead.length) fail('leak', `dead owned endpoints left: ${dead.map((e) => `${e.id} ${e.state}`).join(', ')}`);
    if (owned.groups.length > 1) fail('duplicate', `${owned.groups.length} owned security groups: ${owned.groups.map((g) => g.id).join(', ')}`);
    if (owned.groups.length === 0) fail('not-converged', 'no owned security group');
    return out;
  }
  const leftovers = [...owned.present.map((e) => `${e.id} (${e.state})`), ...owned.groups.map((g) => g.id)];
  if (expect === 'invalid') {
    if (state !== 'Error' || !/^InvalidSpec: \S/.test(reason)) fail('not-converged', `expected Error InvalidSpec, is ${state ?? '(no state)'}: ${reason.slice(0, 160)}`);
    if (leftovers.length) fail('leak', `an invalid spec created ${leftovers.join(', ')}`);
    return out;
  }
  if (leftovers.length) fail('leak', `opted out (${expect}) but owns ${leftovers.join(', ')}`);
  const allowed = new Set(expect === 'retained' ? ADDRESS_KEYS : []);
  if (/^NotOptedIn: /.test(reason) && (tags.egress ?? '').trim() !== '') allowed.add('egress-proxy:reason');
  const extra = status.filter((k) => !allowed.has(k));
  if (extra.length) fail('not-converged', `opted out (${expect}) but carries ${extra.map((k) => `${k}=${JSON.stringify((tags[k] ?? '').slice(0, 60))}`).join(', ')}`);
  return out;
}

/** Owned resources whose owner is no VPC of the fleet, or a VPC that no longer exists. */
function orphans(store: Ec2Store, fleet: FleetVpc[]): Violation[] {
  const known = new Set(fleet.map((v) => v.vpcId));
  const out: Violation[] = [];
  for (const r of [...store.endpoints.values(), ...store.securityGroups.values()]) {
    if (!isOwned(r.tags)) continue;
    const owner = r.tags.get('egress-proxy:owner')!;
    if (!known.has(owner) || !store.vpcs.has(owner)) out.push({ kind: 'leak', vpcId: owner, detail: `${r.id} is owned for ${owner}, which is not a fleet VPC` });
  }
  return out;
}

export function checkFleet(store: Ec2Store, fleet: FleetVpc[], expectations: Map<string, Expectation>): Violation[] {
  store.refresh();
  return [...fleet.flatMap((v) => checkVpc(store, v, expectations.get(v.vpcId) ?? 'opted-out')), ...orphans(store, fleet)];
}
