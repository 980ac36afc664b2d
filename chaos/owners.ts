/**
 * What owners do during the rounds, by role, through the AWS SDK (CreateTags/DeleteTags, as an owner
 * would with the console or the CLI), and what each owner's last action leaves them expecting
 * (docs/design.md#tag-contract). Quick flips are written back to back, without waiting.
 */
import { CreateTagsCommand, DeleteTagsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import type { FleetVpc } from './fleet';
import type { Prng } from './prng';
import { retrying } from './retrying';

/** What the checker holds a VPC to once the faults stop. */
export type Expectation = 'ready' | 'opted-out' | 'retained' | 'invalid';

export interface OwnerState {
  expect: Expectation;
  /** A short description of the owner's last action (for violation lines). */
  last: string;
}

type Write = { set: Record<string, string> } | { remove: string[] };

const OPT_IN_SPELLINGS = ['proxy', 'Proxy', ' PROXY ', 'pRoXy'];
/** `egress` values that are not an opt-in: each must get a clear NotOptedIn reason and nothing else. */
export const HOSTILE_OPT_IN_VALUES = [
  'yes', 'true', 'PROXY!', 'proxy;rm -rf /', '<script>alert(1)</script>', 'прокси', 'p'.repeat(256), 'proxy proxy', '${jndi:ldap://x}', 'no',
];

/** Invalid specs for an opted-in VPC: each must end in Error with an InvalidSpec reason and nothing created. */
export function invalidSpecs(vpc: FleetVpc, other: FleetVpc): Record<string, string>[] {
  return [
    { 'egress:subnets': 'subnet-zzzz' },
    { 'egress:subnets': other.subnets.a },
    { 'egress:subnets': `${vpc.subnets.a},${vpc.extraSubnetA}` },
    { 'egress:subnets': vpc.subnets.d },
    { 'egress:subnets': 'subnet-0123456789abcdef0' },
    { 'egress:deletion-policy': 'forever' },
    { 'egress:subnets': '$(curl evil.example)|;<b>' },
    { 'egress:subnets': 'подсеть-1, 子网' },
    { 'egress:subnets': `subnet-${'f'.repeat(240)}` },
  ];
}

async function apply(ec2: EC2Client, vpcId: string, writes: Write[]): Promise<void> {
  for (const w of writes) {
    if ('set' in w) {
      const Tags = Object.entries(w.set).map(([Key, Value]) => ({ Key, Value }));
      await retrying(() => ec2.send(new CreateTagsCommand({ Resources: [vpcId], Tags })));
    } else {
      await retrying(() => ec2.send(new DeleteTagsCommand({ Resources: [vpcId], Tags: w.remove.map((Key) => ({ Key })) })));
    }
  }
}

const optIn = (random: Prng): Write => ({ set: { egress: random.pick(OPT_IN_SPELLINGS) } });
const optOut: Write = { remove: ['egress'] };

/** The owner's action for this round (round 0: the first one for every VPC), or undefined to do nothing. */
export function planOwnerAction(vpc: FleetVpc, round: number, state: OwnerState | undefined, random: Prng, fleet: FleetVpc[]):
  { writes: Write[]; next: OwnerState } | undefined {
  const other = fleet.find((v) => v.vpcId !== vpc.vpcId) ?? vpc;
  const first = round === 0;
  if (!first && !random.chance(0.45)) return undefined;
  switch (vpc.role) {
    case 'steady':
    case 'foreign-host':
      return { writes: [optIn(random)], next: { expect: 'ready', last: first ? 'opted in' : 'rewrote egress (another spelling)' } };
    case 'mover': {
      if (first) return { writes: [optIn(random)], next: { expect: 'ready', last: 'opted in' } };
      const choice = random.pick([[vpc.subnets.a], [vpc.subnets.b], [vpc.subnets.a, vpc.subnets.b], []]);
      const write: Write = choice.length ? { set: { 'egress:subnets': choice.join(random.pick([',', ' ', ', '])) } } : { remove: ['egress:subnets'] };
      return { writes: [write], next: { expect: 'ready', last: `egress:subnets → ${choice.join(',') || '(default)'}` } };
    }
    case 'flipper': {
      if (first) return { writes: [optIn(random)], next: { expect: 'ready', last: 'opted in' } };
      const flips = random.pick([['in', 'out', 'in'], ['in', 'out'], ['out', 'in'], ['out', 'in', 'out'], ['in', 'out', 'in', 'out', 'in']]);
      const last = flips.at(-1) === 'in';
      return {
        writes: flips.map((f) => (f === 'in' ? optIn(random) : optOut)),
        next: { expect: last ? 'ready' : 'opted-out', last: `quick flips ${flips.join('→')}` },
      };
    }
    case 'retain': {
      if (first) return { writes: [{ set: { egress: 'proxy', 'egress:deletion-policy': 'retain' } }], next: { expect: 'ready', last: 'opted in (retain)' } };
      const out = state?.expect === 'ready';
      return { writes: [out ? optOut : optIn(random)], next: { expect: out ? 'retained' : 'ready', last: out ? 'opted out (retain)' : 'opted in again (retain)' } };
    }
    case 'invalid': {
      const spec = random.pick(invalidSpecs(vpc, other));
      // The new invalid key first, then the old one goes: no moment in between holds a valid spec.
      const stale: Write = { remove: ['egress:subnets', 'egress:deletion-policy'].filter((k) => !(k in spec)) };
      return { writes: [{ set: { egress: 'proxy', ...spec } }, ...(first ? [] : [stale])], next: { expect: 'invalid', last: `invalid spec ${JSON.stringify(spec).slice(0, 80)}` } };
    }
    case 'not-opted-in': {
      const value = random.pick([...HOSTILE_OPT_IN_VALUES, '']);
      return { writes: [{ set: { egress: value } }], next: { expect: 'opted-out', last: `egress=${JSON.stringify(value.slice(0, 30))}` } };
    }
  }
}

export async function act(ec2: EC2Client, vpc: FleetVpc, action: { writes: Write[] }): Promise<void> {
  await apply(ec2, vpc.vpcId, action.writes);
}
