/**
 * Network ACL entries through the real SDK: CreateNetworkAclEntry, ReplaceNetworkAclEntry and
 * DeleteNetworkAclEntry on a VPC's default ACL, with the API's rules
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateNetworkAclEntry.html,
 * https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html).
 */
import {
  CreateNetworkAclEntryCommand, CreateSubnetCommand, CreateVpcCommand, DeleteNetworkAclEntryCommand,
  DescribeNetworkAclsCommand, ReplaceNetworkAclEntryCommand, type CreateNetworkAclEntryCommandInput,
} from '@aws-sdk/client-ec2';
import { errorOf, startEc2OnlyCloud, type Ec2OnlyCloud } from '../helpers/ec2-only-cloud';

let cloud: Ec2OnlyCloud;
let aclId: string;
let subnetId: string;
beforeAll(async () => {
  cloud = await startEc2OnlyCloud({ hub: false });
  const vpcId = (await cloud.ec2().send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16' }))).Vpc!.VpcId!;
  subnetId = (await cloud.ec2().send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.9.1.0/24' }))).Subnet!.SubnetId!;
  const { NetworkAcls } = await cloud.ec2().send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }));
  aclId = NetworkAcls![0].NetworkAclId!;
});
afterAll(() => cloud.close());

async function rules(): Promise<string[]> {
  const { NetworkAcls } = await cloud.ec2().send(new DescribeNetworkAclsCommand({ NetworkAclIds: [aclId] }));
  return NetworkAcls![0].Entries!.map((e) =>
    `${e.Egress ? 'out' : 'in'} ${e.RuleNumber} ${e.RuleAction} ${e.Protocol} ${e.CidrBlock}${e.PortRange ? ` ${e.PortRange.From}-${e.PortRange.To}` : ''}`);
}

const entry = (over: Partial<CreateNetworkAclEntryCommandInput> = {}): CreateNetworkAclEntryCommandInput => ({
  NetworkAclId: aclId, RuleNumber: 90, Protocol: '6', RuleAction: 'deny', Egress: false,
  CidrBlock: '10.9.0.0/16', PortRange: { From: 3128, To: 3128 }, ...over,
});

test('create, replace and delete an entry; Describe (also by subnet) shows each change in rule order', async () => {
  const ec2 = cloud.ec2();
  await ec2.send(new CreateNetworkAclEntryCommand(entry()));
  expect(await rules()).toEqual(['in 90 deny 6 10.9.0.0/16 3128-3128', 'in 100 allow -1 0.0.0.0/0', 'in 32767 deny -1 0.0.0.0/0', 'out 100 allow -1 0.0.0.0/0', 'out 32767 deny -1 0.0.0.0/0']);
  const bySubnet = await ec2.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'association.subnet-id', Values: [subnetId] }] }));
  expect(bySubnet.NetworkAcls![0].Entries).toHaveLength(5);

  await ec2.send(new ReplaceNetworkAclEntryCommand({ ...entry(), RuleAction: 'allow', PortRange: { From: 3000, To: 3200 } }));
  expect((await rules())[0]).toBe('in 90 allow 6 10.9.0.0/16 3000-3200');

  await ec2.send(new DeleteNetworkAclEntryCommand({ NetworkAclId: aclId, RuleNumber: 90, Egress: false }));
  expect(await rules()).toEqual(['in 100 allow -1 0.0.0.0/0', 'in 32767 deny -1 0.0.0.0/0', 'out 100 allow -1 0.0.0.0/0', 'out 32767 deny -1 0.0.0.0/0']);
});

test('the same number may hold one ingress and one egress entry; a name like "tcp" is stored as its number; the CIDR is canonicalized', async () => {
  const ec2 = cloud.ec2();
  await ec2.send(new CreateNetworkAclEntryCommand(entry({ RuleNumber: 80, Protocol: 'tcp', CidrBlock: '10.9.3.7/16' })));
  await ec2.send(new CreateNetworkAclEntryCommand(entry({ RuleNumber: 80, Egress: true, PortRange: { From: 1024, To: 65535 } })));
  expect((await rules()).filter((r) => / 80 /.test(r))).toEqual(['in 80 deny 6 10.9.0.0/16 3128-3128', 'out 80 deny 6 10.9.0.0/16 1024-65535']);
  await ec2.send(new DeleteNetworkAclEntryCommand({ NetworkAclId: aclId, RuleNumber: 80, Egress: false }));
  await ec2.send(new DeleteNetworkAclEntryCommand({ NetworkAclId: aclId, RuleNumber: 80, Egress: true }));
});

test.each([
  ['a taken number', 'NetworkAclEntryAlreadyExists', () => new CreateNetworkAclEntryCommand(entry({ RuleNumber: 100 }))],
  ['the * rule', 'InvalidParameterValue', () => new CreateNetworkAclEntryCommand(entry({ RuleNumber: 32767 }))],
  ['rule number 0', 'InvalidParameterValue', () => new CreateNetworkAclEntryCommand(entry({ RuleNumber: 0 }))],
  ['TCP without a port range', 'MissingParameter', () => new CreateNetworkAclEntryCommand(entry({ PortRange: undefined }))],
  ['From above To', 'InvalidParameterValue', () => new CreateNetworkAclEntryCommand(entry({ PortRange: { From: 4000, To: 3000 } }))],
  ['no CIDR at all', 'InvalidParameterCombination', () => new CreateNetworkAclEntryCommand(entry({ CidrBlock: undefined }))],
  ['a CIDR that is none', 'InvalidParameterValue', () => new CreateNetworkAclEntryCommand(entry({ CidrBlock: '10.9.0.0/33' }))],
  ['protocol 300', 'InvalidParameterValue', () => new CreateNetworkAclEntryCommand(entry({ Protocol: '300' }))],
  ['action "maybe" (not in the model\'s enum)', 'InvalidParameterValue', () => new CreateNetworkAclEntryCommand(entry({ RuleAction: 'maybe' as never }))],
  ['replacing a number that holds nothing', 'InvalidNetworkAclEntry.NotFound', () => new ReplaceNetworkAclEntryCommand(entry({ RuleNumber: 7 }))],
  ['deleting a number that holds nothing', 'InvalidNetworkAclEntry.NotFound', () => new DeleteNetworkAclEntryCommand({ NetworkAclId: aclId, RuleNumber: 7, Egress: true })],
  ['an unknown ACL', 'InvalidNetworkAclID.NotFound', () => new CreateNetworkAclEntryCommand(entry({ NetworkAclId: 'acl-0123456789abcdef0' }))],
  ['a malformed ACL ID', 'InvalidNetworkAclID.Malformed', () => new CreateNetworkAclEntryCommand(entry({ NetworkAclId: 'acl-xyz' }))],
])('%s → %s', async (_what, code, command) => {
  const err = await errorOf(cloud.ec2().send(command() as never));
  expect(err.name).toBe(code);
});
