/**
 * IAM enforcement and DryRun through the AWS SDK, acting as the operator's function roles with the
 * policies we ship (docs/local-cloud.md#iam). Every EC2 write the operator uses answers
 * DryRunOperation when the role may make it and UnauthorizedOperation when not, changing nothing:
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/CommonParameters.html (DryRun)
 */
import {
  AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, CreateTagsCommand, CreateVpcEndpointCommand,
  DeleteSecurityGroupCommand, DeleteTagsCommand, DeleteVpcEndpointsCommand, DescribeSubnetsCommand, EC2Client,
  RevokeSecurityGroupIngressCommand, type Tag,
} from '@aws-sdk/client-ec2';
import { PutEventsCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { GetResourceConfigurationCommand, VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';
import { startLocalCloud, type LocalCloud } from '../../../local/cloud';
import { ownershipTags } from '../../../handlers/lib/tags';

let cloud: LocalCloud;
let vpc: string;
let subnets: string[];
let ownedGroup: string;
let foreignGroup: string;
let ownedEndpoint: string;
let foreignEndpoint: string;

const tagList = (tags: Record<string, string>): Tag[] => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
const as = (fn: string) => new EC2Client({ credentials: cloud.iam.credentialsFor(fn) });
const root = () => new EC2Client({});
const rule = { IpProtocol: 'tcp', FromPort: 3128, ToPort: 3128, IpRanges: [{ CidrIp: '10.0.0.0/16' }] };

/** The error code (or 'OK') and message a call answers with. */
async function outcome(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try { await p; return { code: 'OK', message: '' }; } catch (e) { return { code: (e as Error).name, message: (e as Error).message }; }
}

function snapshot() {
  const s = cloud.ec2State;
  return JSON.stringify({
    groups: [...s.securityGroups.values()].map((g) => [g.id, [...g.tags], g.ingress.length]),
    endpoints: [...s.endpoints.values()].map((e) => [e.id, [...e.tags]]), // not the state: Pending → Available is the clock
    vpc: [...s.vpcs.get(vpc)!.tags],
  });
}

beforeAll(async () => {
  cloud = await startLocalCloud({ proxy: 'stand-in', endpointPendingMs: 50, seedProjects: 1, memberProjects: 0 });
  vpc = cloud.projectVpcIds[0];
  subnets = ((await root().send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }] }))).Subnets ?? []).map((s) => s.SubnetId!);
  const group = async (name: string, tags: Record<string, string>) => (await root().send(new CreateSecurityGroupCommand({
    VpcId: vpc, GroupName: name, Description: name, TagSpecifications: [{ ResourceType: 'security-group', Tags: tagList(tags) }],
  }))).GroupId!;
  ownedGroup = await group('owned', ownershipTags(vpc));
  foreignGroup = await group('foreign', { team: 'platform' });
  await root().send(new AuthorizeSecurityGroupIngressCommand({ GroupId: ownedGroup, IpPermissions: [rule] }));
  await root().send(new AuthorizeSecurityGroupIngressCommand({ GroupId: foreignGroup, IpPermissions: [rule] }));
  const endpoint = async (tags: Record<string, string>, sg: string) => (await root().send(new CreateVpcEndpointCommand({
    VpcId: vpc, VpcEndpointType: 'Resource', ResourceConfigurationArn: cloud.resourceConfigurationArn, SubnetIds: subnets.slice(0, 1),
    SecurityGroupIds: [sg], TagSpecifications: [{ ResourceType: 'vpc-endpoint', Tags: tagList(tags) }],
  }))).VpcEndpoint!.VpcEndpointId!;
  ownedEndpoint = await endpoint(ownershipTags(vpc), ownedGroup);
  foreignEndpoint = await endpoint({ team: 'platform' }, foreignGroup);
}, 60_000);
afterAll(async () => { await cloud?.stop(); });

interface Case { name: string; fn: string; allowed: () => Promise<unknown>; denied: () => Promise<unknown>; action: string }

const cases = (): Case[] => {
  const dry = { DryRun: true };
  return [
    {
      name: 'CreateSecurityGroup (with / without the ownership tags)', fn: 'EnsureSecurityGroup', action: 'ec2:CreateSecurityGroup',
      allowed: () => as('EnsureSecurityGroup').send(new CreateSecurityGroupCommand({ ...dry, VpcId: vpc, GroupName: 'x', Description: 'x', TagSpecifications: [{ ResourceType: 'security-group', Tags: tagList(ownershipTags(vpc)) }] })),
      denied: () => as('EnsureSecurityGroup').send(new CreateSecurityGroupCommand({ ...dry, VpcId: vpc, GroupName: 'x', Description: 'x' })),
    },
    {
      name: 'AuthorizeSecurityGroupIngress (owned / unowned group)', fn: 'EnsureSecurityGroup', action: 'ec2:AuthorizeSecurityGroupIngress',
      allowed: () => as('EnsureSecurityGroup').send(new AuthorizeSecurityGroupIngressCommand({ ...dry, GroupId: ownedGroup, IpPermissions: [{ ...rule, FromPort: 80, ToPort: 80 }] })),
      denied: () => as('EnsureSecurityGroup').send(new AuthorizeSecurityGroupIngressCommand({ ...dry, GroupId: foreignGroup, IpPermissions: [{ ...rule, FromPort: 80, ToPort: 80 }] })),
    },
    {
      name: 'RevokeSecurityGroupIngress (owned / unowned group)', fn: 'EnsureSecurityGroup', action: 'ec2:RevokeSecurityGroupIngress',
      allowed: () => as('EnsureSecurityGroup').send(new RevokeSecurityGroupIngressCommand({ ...dry, GroupId: ownedGroup, IpPermissions: [rule] })),
      denied: () => as('EnsureSecurityGroup').send(new RevokeSecurityGroupIngressCommand({ ...dry, GroupId: foreignGroup, IpPermissions: [rule] })),
    },
    {
      name: 'DeleteSecurityGroup (owned / unowned group)', fn: 'Finalize', action: 'ec2:DeleteSecurityGroup',
      allowed: () => as('Finalize').send(new DeleteSecurityGroupCommand({ ...dry, GroupId: ownedGroup })),
      denied: () => as('Finalize').send(new DeleteSecurityGroupCommand({ ...dry, GroupId: foreignGroup })),
    },
    {
      name: 'CreateVpcEndpoint (owned / unowned security group)', fn: 'EnsureEndpoint', action: 'ec2:CreateVpcEndpoint',
      allowed: () => as('EnsureEndpoint').send(new CreateVpcEndpointCommand({ ...dry, VpcId: vpc, VpcEndpointType: 'Resource', ResourceConfigurationArn: cloud.resourceConfigurationArn, SubnetIds: subnets, SecurityGroupIds: [ownedGroup], TagSpecifications: [{ ResourceType: 'vpc-endpoint', Tags: tagList(ownershipTags(vpc)) }] })),
      denied: () => as('EnsureEndpoint').send(new CreateVpcEndpointCommand({ ...dry, VpcId: vpc, VpcEndpointType: 'Resource', ResourceConfigurationArn: cloud.resourceConfigurationArn, SubnetIds: subnets, SecurityGroupIds: [foreignGroup], TagSpecifications: [{ ResourceType: 'vpc-endpoint', Tags: tagList(ownershipTags(vpc)) }] })),
    },
    {
      name: 'DeleteVpcEndpoints (owned / unowned endpoint)', fn: 'Finalize', action: 'ec2:DeleteVpcEndpoints',
      allowed: () => as('Finalize').send(new DeleteVpcEndpointsCommand({ ...dry, VpcEndpointIds: [ownedEndpoint] })),
      denied: () => as('Finalize').send(new DeleteVpcEndpointsCommand({ ...dry, VpcEndpointIds: [foreignEndpoint] })),
    },
    {
      name: 'CreateTags (status key on the project VPC / an owner key)', fn: 'PublishStatus', action: 'ec2:CreateTags',
      allowed: () => as('PublishStatus').send(new CreateTagsCommand({ ...dry, Resources: [vpc], Tags: [{ Key: 'egress-proxy:state', Value: 'Ready' }] })),
      denied: () => as('PublishStatus').send(new CreateTagsCommand({ ...dry, Resources: [vpc], Tags: [{ Key: 'egress', Value: 'proxy' }] })),
    },
    {
      name: 'DeleteTags (status key on the project VPC / tags of an unowned endpoint)', fn: 'Finalize', action: 'ec2:DeleteTags',
      allowed: () => as('Finalize').send(new DeleteTagsCommand({ ...dry, Resources: [vpc], Tags: [{ Key: 'egress-proxy:state' }] })),
      denied: () => as('Finalize').send(new DeleteTagsCommand({ ...dry, Resources: [foreignEndpoint], Tags: [{ Key: 'team' }] })),
    },
  ];
};

describe('DryRun on every EC2 write the operator uses', () => {
  it.each(cases().map((c) => [c.name, c] as const))('%s: DryRunOperation when allowed, UnauthorizedOperation when not, nothing changed', async (_n, _c) => {
    const c = cases().find((x) => x.name === _n)!;
    const before = snapshot();
    expect(await outcome(c.allowed())).toEqual({ code: 'DryRunOperation', message: 'Request would have succeeded, but DryRun flag is set.' });
    const denied = await outcome(c.denied());
    expect(denied.code).toBe('UnauthorizedOperation');
    expect(denied.message).toContain(`is not authorized to perform: ${c.action} on resource: arn:aws:ec2:us-east-1:${cloud.accountId}:`);
    expect(denied.message).toContain(`assumed-role/`);
    expect(snapshot()).toEqual(before);
  });
});

describe('policy, not only code, protects what the operator does not own', () => {
  it('the Finalize role deleting an unowned security group is refused and the group stays', async () => {
    const out = await outcome(as('Finalize').send(new DeleteSecurityGroupCommand({ GroupId: foreignGroup })));
    expect(out.code).toBe('UnauthorizedOperation');
    expect(out.message).toContain(`ec2:DeleteSecurityGroup on resource: arn:aws:ec2:us-east-1:${cloud.accountId}:security-group/${foreignGroup}`);
    expect(cloud.ec2State.securityGroups.has(foreignGroup)).toBe(true);
    expect(cloud.iam.denials.at(-1)).toEqual(expect.objectContaining({ action: 'ec2:DeleteSecurityGroup', decision: 'ImplicitDeny' }));
  });

  it('a role lacking an action entirely is refused it (Observe may not create security groups)', async () => {
    const out = await outcome(as('Observe').send(new CreateSecurityGroupCommand({ DryRun: true, VpcId: vpc, GroupName: 'y', Description: 'y', TagSpecifications: [{ ResourceType: 'security-group', Tags: tagList(ownershipTags(vpc)) }] })));
    expect(out.code).toBe('UnauthorizedOperation');
  });

  it('account-root callers (plain access keys) may do anything, as an administrator', async () => {
    expect((await outcome(root().send(new DeleteSecurityGroupCommand({ DryRun: true, GroupId: foreignGroup })))).code).toBe('DryRunOperation');
  });
});

describe('JSON services answer AccessDeniedException naming the action', () => {
  it('VPC Lattice: only the roles granted GetResourceConfiguration may read the hub configuration', async () => {
    const call = (fn: string) => new VPCLatticeClient({ credentials: cloud.iam.credentialsFor(fn) })
      .send(new GetResourceConfigurationCommand({ resourceConfigurationIdentifier: cloud.resourceConfigurationArn }));
    expect((await outcome(call('Observe'))).code).toBe('OK');
    const denied = await outcome(call('DetectOverlaps'));
    expect(denied.code).toBe('AccessDeniedException');
    expect(denied.message).toContain('vpc-lattice:GetResourceConfiguration');
  });

  it('EventBridge: PutEvents only for the roles that publish status', async () => {
    const put = (fn: string) => new EventBridgeClient({ credentials: cloud.iam.credentialsFor(fn) })
      .send(new PutEventsCommand({ Entries: [{ Source: 'egress-operator', DetailType: 'Egress Proxy Status Changed', Detail: '{}' }] }));
    expect((await outcome(put('PublishStatus'))).code).toBe('OK');
    const denied = await outcome(put('Observe'));
    expect(denied).toEqual({ code: 'AccessDeniedException', message: expect.stringContaining('events:PutEvents on resource: arn:aws:events:us-east-1:') });
  });
});

describe('removePermission (test helper)', () => {
  it('takes exactly one action away from one role', async () => {
    const dryCreateTag = (fn: string) => outcome(as(fn).send(new CreateTagsCommand({ DryRun: true, Resources: [vpc], Tags: [{ Key: 'egress-proxy:state', Value: 'Ready' }] })));
    expect((await dryCreateTag('MarkProxyHealth')).code).toBe('DryRunOperation');
    cloud.iam.removePermission('MarkProxyHealth', 'ec2:CreateTags');
    expect((await dryCreateTag('MarkProxyHealth')).code).toBe('UnauthorizedOperation');
    expect((await dryCreateTag('PublishStatus')).code).toBe('DryRunOperation');
    expect(() => cloud.iam.removePermission('MarkProxyHealth', 'ec2:CreateTags')).toThrow(/no statement granting ec2:CreateTags/);
  });
});
