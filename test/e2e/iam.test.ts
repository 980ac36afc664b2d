/**
 * IAM end to end (docs/local-cloud.md#iam): with enforcement on, every call the operator makes is
 * evaluated against the policies we ship (the synthesized CDK app), each function acting as its own
 * role and reaching member accounts through the member role. The whole flow passes with no denial, a
 * policy missing one permission ends the run in Error naming the denied action, and the member role's
 * policy refuses what the operator does not own.
 */
import { CreateTagsCommand, DeleteTagsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ownedFilters } from '../../handlers/lib/tags';
import type { LocalCloud } from '../../local/cloud';
import { startE2eCloud } from '../helpers/e2e-cloud';
import { executionsOf, settledGroups, settledTags, tagVpc, untagVpc } from '../helpers/local-cloud';

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startE2eCloud({ endpointPendingMs: 100, timeScale: 0.01, seedProjects: 2, memberProjects: 1, iam: 'enforce' });
}, 60_000);
afterAll(async () => { await cloud?.stop(); });

const asAccount = (accountId: string) => new EC2Client({ credentials: { accessKeyId: accountId, secretAccessKey: 'x' } });
const tagsIn = async (accountId: string, vpcId: string) => Object.fromEntries([...cloud.ec2StoreFor(accountId).vpcs.get(vpcId)!.tags]);

describe('the policies we ship allow everything the operator does', () => {
  it('a VPC of the operator account and one of a member account become Ready and clean up, with no call denied', async () => {
    expect(cloud.iam.mode).toBe('enforce');
    const own = cloud.projectVpcIds[0];
    const [member] = cloud.memberAccountIds;
    const memberVpc = cloud.memberProjectVpcIds[member][0];
    await tagVpc(own, { egress: 'proxy' });
    await asAccount(member).send(new CreateTagsCommand({ Resources: [memberVpc], Tags: [{ Key: 'egress', Value: 'proxy' }] }));
    await cloud.awaitIdle();
    await settledTags(own, (t) => expect(t['egress-proxy:state']).toBe('Ready'));
    expect((await tagsIn(member, memberVpc))['egress-proxy:state']).toBe('Ready');
    expect(cloud.stats.snapshot().apiCalls['sts:AssumeRole']).toBeGreaterThanOrEqual(1);

    await untagVpc(own, ['egress']);
    await asAccount(member).send(new DeleteTagsCommand({ Resources: [memberVpc], Tags: [{ Key: 'egress' }] }));
    await cloud.awaitIdle();
    await settledGroups(own, (g) => expect(g).toHaveLength(0));
    expect([...cloud.ec2StoreFor(member).securityGroups.values()].filter((g) => g.tags.get(ownedFilters(memberVpc)[0].Name.slice(4)))).toHaveLength(0);
    expect(cloud.iam.denials).toEqual([]);
  });
});

describe('a policy missing one permission', () => {
  it('ends the run in Error with a reason naming the denied action', async () => {
    const vpc = cloud.projectVpcIds[1];
    cloud.iam.removePermission('EnsureSecurityGroup', 'ec2:CreateSecurityGroup');
    await tagVpc(vpc, { egress: 'proxy' });
    await cloud.awaitIdle();
    const tags = await settledTags(vpc, (t) => expect(t['egress-proxy:state']).toBe('Error'));
    // The reason (≤256 characters) names the denied call first; the full AWS message follows, truncated.
    expect(tags['egress-proxy:reason']).toMatch(/^AccessDenied: CreateSecurityGroup: UnauthorizedOperation: You are not authorized to perform this operation\. User: arn:aws:sts::\d{12}:assumed-role\/[^/]+EnsureSecurityGroup[^/]+\/EnsureSecurityGroup /);
    expect(cloud.iam.denials.map((d) => d.action)).toContain('ec2:CreateSecurityGroup');
    expect(executionsOf(cloud, vpc)).not.toHaveLength(0);
  });
});
