/**
 * The sweep's bulk status marks select opted-in VPCs the way the tag contract reads `egress`: in any
 * case (docs/design.md#tag-contract). EC2 matches `tag:egress=proxy` case-sensitively, so a VPC tagged
 * `egress=Proxy` would be skipped by a value filter; the marks select by key and decide with isOptedIn.
 */
import { CreateVpcCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { applyMark } from '../../../../handlers/lib/aws/fleet-marks';
import type { StatusMark } from '../../../../handlers/lib/fleet/plan';
import { toTagMap } from '../../../../handlers/lib/tags';
import { startEc2OnlyCloud, type Ec2OnlyCloud } from '../../../local/helpers/ec2-only-cloud';

let cloud: Ec2OnlyCloud;
beforeAll(async () => { cloud = await startEc2OnlyCloud({ hub: false }); });
afterAll(async () => { await cloud?.close(); });

const ready = { 'egress-proxy:state': 'Ready', 'egress-proxy:reason': 'ProxyReachable: ok', 'egress-proxy': 'http://10.0.1.5:3128', 'egress-proxy:endpoint': 'vpce-0123456789abcdef0' };

async function vpcTagged(tags: Record<string, string>): Promise<string> {
  const { Vpc } = await cloud.ec2().send(new CreateVpcCommand({
    CidrBlock: '10.9.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }],
  }));
  return Vpc!.VpcId!;
}

const stateOf = async (vpcId: string) =>
  toTagMap((await cloud.ec2().send(new DescribeVpcsCommand({ VpcIds: [vpcId] }))).Vpcs![0].Tags)['egress-proxy:state'];

it('marks VPCs whose egress is "proxy" in any case, and leaves other values alone', async () => {
  const lower = await vpcTagged({ egress: 'proxy', ...ready });
  const title = await vpcTagged({ egress: 'Proxy', ...ready });
  const upper = await vpcTagged({ egress: ' PROXY ', ...ready });
  const other = await vpcTagged({ egress: 'nat-gateway', ...ready });
  const excluded = await vpcTagged({ egress: 'Proxy', ...ready });
  const mark: StatusMark = {
    account: '', region: 'us-east-1', to: 'Degraded', reason: 'ProxyUnreachable: connection refused',
    fromStates: ['Ready'], requireAddress: true, exclude: [excluded], seen: 4,
  };
  const result = await applyMark(cloud.ec2(), mark, 'sweep-1', new Date('2026-11-30T00:00:00Z'));
  expect(result.marked.sort()).toEqual([lower, title, upper].sort());
  expect(result.events.map((e) => e.previousState)).toEqual(['Ready', 'Ready', 'Ready']);
  for (const vpc of [lower, title, upper]) expect(await stateOf(vpc)).toBe('Degraded');
  expect(await stateOf(other)).toBe('Ready');
  expect(await stateOf(excluded)).toBe('Ready');
});
