/**
 * Malformed owner tags, end to end through the AWS SDK on the local cloud (docs/design.md#tag-contract):
 * every row is a fresh VPC (with a subnet in a served AZ) tagged once; all rows run in one cloud and
 * are awaited together. Each is answered with a clear reason naming the problem — `NotOptedIn: …`
 * (no state, the value quoted with anything outside printable ASCII escaped) or `Error` `InvalidSpec: …`
 * (terminal: no `egress-proxy:retry`) — and nothing is created: the whole batch makes no
 * CreateSecurityGroup, CreateVpcEndpoint or AuthorizeSecurityGroupIngress call, and the local cloud's
 * own state (no read lag) holds no resource owned for any of these VPCs.
 */
import { CreateSubnetCommand, CreateVpcCommand, DescribeSubnetsCommand } from '@aws-sdk/client-ec2';
import { OWNERSHIP_KEYS } from '../../handlers/lib/tags';
import type { LocalCloud } from '../../local/cloud';
import { startE2eCloud } from '../helpers/e2e-cloud';
import { eventually } from '../helpers/eventually';
import { ec2, settledTags, tagVpc } from '../helpers/local-cloud';

interface Ctx { vpcId: string; subnetA: string; subnetA2: string; foreignSubnet: string }
interface TagRow {
  name: string;
  tags: (c: Ctx) => Record<string, string>;
  /** NotOptedIn: the VPC is opted out (no state) with this reason; InvalidSpec: Error with this reason. */
  outcome: 'NotOptedIn' | 'InvalidSpec';
  reason: string | ((c: Ctx) => string) | RegExp;
}

const notOptedIn = (shown: string) =>
  `NotOptedIn: egress=${shown} is not accepted; egress=proxy (any case) opts in, any other value or no tag opts out`;
const holds = (shown: string) => `InvalidSpec: egress:subnets holds ${shown}, not subnet IDs`;
const policy = (shown: string) => `InvalidSpec: egress:deletion-policy must be "delete" or "retain", not ${shown}`;
const optIn = (more: Record<string, string>) => () => ({ egress: 'proxy', ...more });

export const TAG_ROWS: TagRow[] = [
  // egress: anything but "proxy" (any case, trimmed) opts out and says which values are accepted
  { name: 'egress "yes"', tags: () => ({ egress: 'yes' }), outcome: 'NotOptedIn', reason: notOptedIn('"yes"') },
  { name: 'egress "true"', tags: () => ({ egress: 'true' }), outcome: 'NotOptedIn', reason: notOptedIn('"true"') },
  { name: 'egress "proxy2", a near miss', tags: () => ({ egress: 'proxy2' }), outcome: 'NotOptedIn', reason: notOptedIn('"proxy2"') },
  { name: 'egress "pr0xy", a digit zero for the o', tags: () => ({ egress: 'pr0xy' }), outcome: 'NotOptedIn', reason: notOptedIn('"pr0xy"') },
  { name: 'egress "prox y", a space inside', tags: () => ({ egress: 'prox y' }), outcome: 'NotOptedIn', reason: notOptedIn('"prox y"') },
  { name: 'egress "proxy,nat", a list', tags: () => ({ egress: 'proxy,nat' }), outcome: 'NotOptedIn', reason: notOptedIn('"proxy,nat"') },
  { name: 'egress in fullwidth letters', tags: () => ({ egress: 'ｐｒｏｘｙ' }), outcome: 'NotOptedIn', reason: notOptedIn('"\\uff50\\uff52\\uff4f\\uff58\\uff59"') },
  { name: 'egress with a Cyrillic о', tags: () => ({ egress: 'prоxy' }), outcome: 'NotOptedIn', reason: notOptedIn('"pr\\u043exy"') },
  { name: 'egress with a trailing zero-width space', tags: () => ({ egress: 'proxy\u200b' }), outcome: 'NotOptedIn', reason: notOptedIn('"proxy\\u200b"') },
  { name: 'egress with a right-to-left override', tags: () => ({ egress: '\u202eyxorp' }), outcome: 'NotOptedIn', reason: notOptedIn('"\\u202eyxorp"') },
  { name: 'egress with a newline inside', tags: () => ({ egress: 'pro\nxy' }), outcome: 'NotOptedIn', reason: notOptedIn('"pro\\nxy"') },
  { name: 'egress an emoji', tags: () => ({ egress: '🚀' }), outcome: 'NotOptedIn', reason: notOptedIn('"\\ud83d\\ude80"') },
  { name: 'egress an HTML script', tags: () => ({ egress: '<script>alert(1)</script>' }), outcome: 'NotOptedIn', reason: notOptedIn('"<script>alert(1)</script>"') },
  { name: 'egress a SQL injection', tags: () => ({ egress: "'; DROP TABLE vpcs; --" }), outcome: 'NotOptedIn', reason: notOptedIn('"\'; DROP TABLE vpcs; --"') },
  { name: 'egress a JNDI lookup', tags: () => ({ egress: '${jndi:ldap://x/a}' }), outcome: 'NotOptedIn', reason: notOptedIn('"${jndi:ldap://x/a}"') },
  { name: 'egress 256 characters, clipped in the reason', tags: () => ({ egress: 'x'.repeat(256) }), outcome: 'NotOptedIn', reason: notOptedIn(`"${'x'.repeat(40)}…"`) },
  // egress:subnets: not subnet IDs, or subnet IDs this VPC cannot use (found before the first write)
  { name: 'subnets "subnet-xyz", not hex', tags: optIn({ 'egress:subnets': 'subnet-xyz' }), outcome: 'InvalidSpec', reason: holds('"subnet-xyz"') },
  { name: 'subnets "subnet-0123", too short', tags: optIn({ 'egress:subnets': 'subnet-0123' }), outcome: 'InvalidSpec', reason: holds('"subnet-0123"') },
  { name: 'subnets in upper case', tags: optIn({ 'egress:subnets': 'SUBNET-0123456789ABCDEF0' }), outcome: 'InvalidSpec', reason: holds('"SUBNET-0123456789ABCDEF0"') },
  { name: 'subnets naming a security group ID', tags: optIn({ 'egress:subnets': 'sg-0123456789abcdef0' }), outcome: 'InvalidSpec', reason: holds('"sg-0123456789abcdef0"') },
  { name: 'subnets naming the VPC itself', tags: (c) => ({ egress: 'proxy', 'egress:subnets': c.vpcId }), outcome: 'InvalidSpec', reason: (c) => holds(`"${c.vpcId}"`) },
  { name: 'subnets with a shell command', tags: optIn({ 'egress:subnets': 'subnet-0123456789abcdef0;rm -rf /' }), outcome: 'InvalidSpec', reason: holds('"subnet-0123456789abcdef0;rm", "-rf", "/"') },
  { name: 'subnets with a Cyrillic е', tags: optIn({ 'egress:subnets': 'subnеt-0123456789abcdef0' }), outcome: 'InvalidSpec', reason: holds('"subn\\u0435t-0123456789abcdef0"') },
  { name: 'subnets separated by a pipe', tags: optIn({ 'egress:subnets': 'subnet-0123abcd|subnet-4567abcd' }), outcome: 'InvalidSpec', reason: holds('"subnet-0123abcd|subnet-4567abcd"') },
  { name: 'subnets only separators', tags: optIn({ 'egress:subnets': ',,,' }), outcome: 'InvalidSpec', reason: 'InvalidSpec: egress:subnets is ",,,", which names no subnet; name subnet IDs or leave it empty for the default' },
  { name: 'subnets a well-formed ID that does not exist', tags: optIn({ 'egress:subnets': 'subnet-00000000' }), outcome: 'InvalidSpec', reason: /^InvalidSpec: egress:subnets names subnet-00000000, not subnets of this VPC \(it has subnet-/ },
  { name: 'subnets naming a subnet of another VPC', tags: (c) => ({ egress: 'proxy', 'egress:subnets': c.foreignSubnet }), outcome: 'InvalidSpec', reason: (c) => `InvalidSpec: egress:subnets names ${c.foreignSubnet}, not subnets of this VPC (it has ${[c.subnetA, c.subnetA2].sort().join(', ')})` },
  { name: 'subnets two in one AZ', tags: (c) => ({ egress: 'proxy', 'egress:subnets': `${c.subnetA} ${c.subnetA2}` }), outcome: 'InvalidSpec', reason: /^InvalidSpec: egress:subnets has more than one subnet in AZ ID use1-az\d \(subnet-.*\); an endpoint takes one subnet per AZ$/ },
  { name: 'subnets 256 characters of bogus IDs, the reason fits a tag', tags: optIn({ 'egress:subnets': Array.from({ length: 14 }, (_, i) => `subnet-zz${String(i).padStart(7, '0')}`).join(',').padEnd(256, ',') }), outcome: 'InvalidSpec', reason: /^InvalidSpec: egress:subnets holds "subnet-zz0000000", "subnet-zz0000001", .{100,}$/ },
  // egress:deletion-policy: delete or retain, nothing else
  { name: 'deletion-policy "keep"', tags: optIn({ 'egress:deletion-policy': 'keep' }), outcome: 'InvalidSpec', reason: policy('"keep"') },
  { name: 'deletion-policy "retain;delete"', tags: optIn({ 'egress:deletion-policy': 'retain;delete' }), outcome: 'InvalidSpec', reason: policy('"retain;delete"') },
  { name: 'deletion-policy in fullwidth letters', tags: optIn({ 'egress:deletion-policy': 'ｒｅｔａｉｎ' }), outcome: 'InvalidSpec', reason: policy('"\\uff52\\uff45\\uff54\\uff41\\uff49\\uff4e"') },
  { name: 'deletion-policy empty', tags: optIn({ 'egress:deletion-policy': '' }), outcome: 'InvalidSpec', reason: policy('""') },
  { name: 'deletion-policy 256 characters', tags: optIn({ 'egress:deletion-policy': 'r'.repeat(256) }), outcome: 'InvalidSpec', reason: policy(`"${'r'.repeat(40)}…"`) },
  { name: 'bad subnets and a bad deletion-policy: both named', tags: optIn({ 'egress:subnets': 'subnet-xyz', 'egress:deletion-policy': 'keep' }), outcome: 'InvalidSpec', reason: 'InvalidSpec: egress:deletion-policy must be "delete" or "retain", not "keep"; egress:subnets holds "subnet-xyz", not subnet IDs' },
];

let cloud: LocalCloud;
const ctxByRow = new Map<string, Ctx>();
const writesBefore: Record<string, number> = {};
const WRITES = ['ec2:CreateSecurityGroup', 'ec2:CreateVpcEndpoint', 'ec2:AuthorizeSecurityGroupIngress'];

async function vpcWithSubnets(octet: number): Promise<Ctx> {
  const vpcId = (await ec2().send(new CreateVpcCommand({ CidrBlock: `10.${octet}.0.0/16` }))).Vpc!.VpcId!;
  const subnet = async (third: number) => (await ec2().send(new CreateSubnetCommand({
    VpcId: vpcId, CidrBlock: `10.${octet}.${third}.0/24`, AvailabilityZone: 'us-east-1a',
  }))).Subnet!.SubnetId!;
  return { vpcId, subnetA: await subnet(1), subnetA2: await subnet(2), foreignSubnet: '' };
}

beforeAll(async () => {
  cloud = await startE2eCloud({ endpointPendingMs: 100, timeScale: 0.01, seedProjects: 1, memberAccounts: [] });
  const foreign = await vpcWithSubnets(250);
  for (const [i, row] of TAG_ROWS.entries()) ctxByRow.set(row.name, { ...(await vpcWithSubnets(10 + i)), foreignSubnet: foreign.subnetA });
  // The owner tags once their subnets are visible: EC2 reads lag writes (docs/local-cloud.md#eventual-consistency).
  for (const c of [foreign, ...ctxByRow.values()]) {
    await eventually(() => ec2().send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [c.vpcId] }] })),
      (out) => expect(out.Subnets?.length).toBe(2), { what: `subnets of ${c.vpcId}` });
  }
  const calls = cloud.stats.snapshot().apiCalls;
  for (const w of WRITES) writesBefore[w] = calls[w] ?? 0;
  await Promise.all(TAG_ROWS.map((row) => tagVpc(ctxByRow.get(row.name)!.vpcId, row.tags(ctxByRow.get(row.name)!))));
  await cloud.awaitIdle();
}, 120_000);
afterAll(async () => { await cloud?.stop(); });

it('has a distinct row for each malformed value', () => {
  expect(new Set(TAG_ROWS.map((r) => r.name)).size).toBe(TAG_ROWS.length);
  expect(new Set(TAG_ROWS.map((r) => JSON.stringify(r.tags(ctxByRow.get(r.name)!)))).size).toBe(TAG_ROWS.length);
});

describe.each(TAG_ROWS.map((r) => [r.name, r] as const))('%s', (_name, row) => {
  it(`is answered ${row.outcome === 'NotOptedIn' ? 'NotOptedIn (no state)' : 'Error InvalidSpec'}, with a reason naming the problem`, async () => {
    const c = ctxByRow.get(row.name)!;
    const expected = typeof row.reason === 'function' ? row.reason(c) : row.reason;
    const tags = await settledTags(c.vpcId, (t) => expect(t['egress-proxy:reason']).toMatch(expected instanceof RegExp ? expected : exactly(expected)));
    expect(tags['egress-proxy:reason'].length).toBeLessThanOrEqual(256);
    if (row.outcome === 'NotOptedIn') expect(tags['egress-proxy:state']).toBeUndefined();
    else expect(tags['egress-proxy:state']).toBe('Error');
    expect(tags['egress-proxy:retry']).toBeUndefined(); // terminal: waits for the owner, not requeued with backoff
    expect(tags['egress-proxy']).toBeUndefined();
    expect(ownedInState(c.vpcId)).toEqual([]);
  });
});

it('the whole batch created, authorized and wrote nothing for these VPCs', () => {
  const calls = cloud.stats.snapshot().apiCalls;
  for (const w of WRITES) expect([w, calls[w] ?? 0]).toEqual([w, writesBefore[w]]);
});

const exactly = (s: string) => new RegExp(`^${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/** Security groups and endpoints carrying our ownership tag for this VPC, read from the cloud's own state. */
function ownedInState(vpcId: string): string[] {
  const owned = (tags: Map<string, string>) => tags.get(OWNERSHIP_KEYS.owner) === vpcId;
  return [
    ...[...cloud.ec2State.securityGroups.values()].filter((g) => owned(g.tags)).map((g) => g.id),
    ...[...cloud.ec2State.endpoints.values()].filter((e) => owned(e.tags)).map((e) => e.id),
  ];
}
