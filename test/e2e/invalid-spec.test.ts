/**
 * An invalid spec creates nothing: Observe checks the subnets (by AZ ID) before EnsureSecurityGroup,
 * so the VPC ends in Error with a reason and no owned security group or endpoint exists after the run
 * (docs/design.md#workflows).
 */
import { CreateSubnetCommand, CreateVpcCommand, DescribeAvailabilityZonesCommand, DescribeSubnetsCommand } from '@aws-sdk/client-ec2';
import type { LocalCloud } from '../../local/cloud';
import { startE2eCloud } from '../helpers/e2e-cloud';
import { eventually } from '../helpers/eventually';
import { ec2, ownedEndpoints, ownedGroups, settledEndpoints, settledGroups, settledTags, tagVpc } from '../helpers/local-cloud';

let cloud: LocalCloud;
beforeAll(async () => { cloud = await startE2eCloud({ endpointPendingMs: 100, timeScale: 0.01, seedProjects: 3 }); });
afterAll(async () => { await cloud?.stop(); });

const servedAzIds = () => cloud.latticeState.resourceConfigurationView(cloud.resourceConfigurationArn)!.gatewayAzIds;
const subnetsOf = async (vpc: string, count?: number) => eventually(
  async () => (await ec2().send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }] }))).Subnets!,
  (subnets) => count === undefined || expect(subnets).toHaveLength(count), { what: `subnets of ${vpc}` });

/** Tag the VPC, wait for every run, and return its status (once `check` passes: Error by default) after counting what the operator owns there. */
async function optInAndCount(vpc: string, tags: Record<string, string>,
  check = (t: Record<string, string>) => expect(t['egress-proxy:state']).toBe('Error')) {
  await tagVpc(vpc, { egress: 'proxy', ...tags });
  await cloud.awaitIdle();
  const settled = await settledTags(vpc, check);
  return { tags: settled, groups: (await ownedGroups(vpc)).length, endpoints: (await ownedEndpoints(vpc)).length };
}

it('egress:subnets naming a subnet of another VPC: Error InvalidSpec, nothing created', async () => {
  const [vpc, other] = cloud.projectVpcIds;
  const foreign = (await subnetsOf(other))[0].SubnetId!;
  const out = await optInAndCount(vpc, { 'egress:subnets': foreign });
  expect(out.tags['egress-proxy:state']).toBe('Error');
  expect(out.tags['egress-proxy:reason']).toMatch(new RegExp(`^InvalidSpec: egress:subnets names ${foreign}, not subnets of this VPC`));
  expect(out).toMatchObject({ groups: 0, endpoints: 0 });
});

it('egress:subnets naming two subnets in one AZ: Error InvalidSpec naming the AZ ID, nothing created', async () => {
  const vpc = cloud.projectVpcIds[1];
  const [first] = await subnetsOf(vpc);
  const { Subnet } = await ec2().send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.0.200.0/24', AvailabilityZone: first.AvailabilityZone }));
  const out = await optInAndCount(vpc, { 'egress:subnets': `${first.SubnetId},${Subnet!.SubnetId}` });
  expect(out.tags['egress-proxy:state']).toBe('Error');
  expect(out.tags['egress-proxy:reason']).toMatch(new RegExp(`^InvalidSpec: egress:subnets has more than one subnet in AZ ID ${first.AvailabilityZoneId}`));
  expect(out).toMatchObject({ groups: 0, endpoints: 0 });
});

describe('subnets only in AZ IDs the gateway does not serve', () => {
  let vpc: string;
  let unserved: { ZoneName?: string; ZoneId?: string }[];
  beforeAll(async () => {
    const zones = (await ec2().send(new DescribeAvailabilityZonesCommand({}))).AvailabilityZones!;
    unserved = zones.filter((z) => !servedAzIds().includes(z.ZoneId!)).slice(0, 2);
    expect(unserved.length).toBeGreaterThan(0);
    vpc = (await ec2().send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }))).Vpc!.VpcId!;
    for (const [i, z] of unserved.entries()) {
      await ec2().send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: `10.1.${i}.0/24`, AvailabilityZone: z.ZoneName }));
    }
    // The reasons below name every subnet's AZ ID: start once the API lists them all (they show late).
    await subnetsOf(vpc, unserved.length);
  });

  it('chosen by the operator: Error InvalidSpec naming the VPC\'s AZ IDs and the gateway\'s, nothing created', async () => {
    const out = await optInAndCount(vpc, {});
    expect(out.tags['egress-proxy:state']).toBe('Error');
    expect(out.tags['egress-proxy:reason']).toMatch(/^InvalidSpec: the VPC's subnets are in AZ IDs /);
    for (const id of [...unserved.map((z) => z.ZoneId!), ...servedAzIds()]) expect(out.tags['egress-proxy:reason']).toContain(id);
    expect(out).toMatchObject({ groups: 0, endpoints: 0 });
  });

  it('named in egress:subnets: Error InvalidSpec naming the AZ IDs on both sides, nothing created', async () => {
    const requested = (await subnetsOf(vpc, unserved.length)).map((s) => s.SubnetId!);
    const reason = /^InvalidSpec: egress:subnets names .* in AZ IDs the gateway does not serve; the resource gateway serves AZ IDs /;
    const out = await optInAndCount(vpc, { 'egress:subnets': requested.join(',') }, (t) => expect(t['egress-proxy:reason']).toMatch(reason));
    for (const id of [...unserved.map((z) => z.ZoneId!), ...servedAzIds()]) expect(out.tags['egress-proxy:reason']).toContain(id);
    expect(out).toMatchObject({ groups: 0, endpoints: 0 });
  });
});

it('a valid spec after an invalid one: the same VPC becomes Ready with its endpoint only in served AZ IDs', async () => {
  const vpc = cloud.projectVpcIds[2];
  expect((await optInAndCount(vpc, { 'egress:subnets': 'subnet-00000000' })).tags['egress-proxy:state']).toBe('Error');
  await tagVpc(vpc, { 'egress:subnets': '' });
  await cloud.awaitIdle();
  await settledTags(vpc, (t) => expect(t['egress-proxy:state']).toBe('Ready'));
  const [endpoint] = await settledEndpoints(vpc, (e) => expect(e).toHaveLength(1));
  const { Subnets } = await ec2().send(new DescribeSubnetsCommand({ SubnetIds: endpoint.SubnetIds }));
  for (const s of Subnets!) expect(servedAzIds()).toContain(s.AvailabilityZoneId);
});

describe('the egress value', () => {
  it('"Proxy" opts in like "proxy"', async () => {
    const vpc = (await ec2().send(new CreateVpcCommand({ CidrBlock: '10.3.0.0/16' }))).Vpc!.VpcId!;
    await ec2().send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.3.1.0/24', AvailabilityZone: 'us-east-1a' }));
    await tagVpc(vpc, { egress: 'Proxy' });
    await cloud.awaitIdle();
    await settledTags(vpc, (t) => expect(t['egress-proxy:state']).toBe('Ready'));
  });

  it('any other value opts out: no state, nothing owned, a reason saying which values are accepted', async () => {
    const vpc = (await ec2().send(new CreateVpcCommand({ CidrBlock: '10.4.0.0/16' }))).Vpc!.VpcId!;
    await ec2().send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.4.1.0/24', AvailabilityZone: 'us-east-1a' }));
    await tagVpc(vpc, { egress: 'proxy' });
    await cloud.awaitIdle();
    await settledTags(vpc, (t) => expect(t['egress-proxy:state']).toBe('Ready'));
    await tagVpc(vpc, { egress: 'nat-gateway' });
    await cloud.awaitIdle();
    const tags = await settledTags(vpc, (t) => expect(t['egress-proxy:state']).toBeUndefined());
    expect(tags['egress-proxy']).toBeUndefined();
    expect(tags['egress-proxy:reason']).toBe('NotOptedIn: egress="nat-gateway" is not accepted; egress=proxy (any case) opts in, any other value or no tag opts out');
    await settledGroups(vpc, (g) => expect(g).toEqual([]));
    await settledEndpoints(vpc, (e) => expect(e).toEqual([]));
  });
});
