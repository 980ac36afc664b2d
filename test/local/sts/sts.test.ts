/**
 * The local STS through the AWS SDK: GetCallerIdentity and AssumeRole of the member role we ship
 * (trust policy: the operator account's function roles, with the ExternalId).
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
 */
import { CreateTagsCommand, DeleteSecurityGroupCommand, DescribeSecurityGroupsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { LOCAL_MEMBER_EXTERNAL_ID, MEMBER_ROLE_NAME } from '../../../local/accounts';
import { startLocalCloud, type LocalCloud } from '../../../local/cloud';

let cloud: LocalCloud;
let member: string;
let memberRoleArn: string;
beforeAll(async () => {
  cloud = await startLocalCloud({ proxy: 'stand-in', seedProjects: 0, memberProjects: 1 });
  member = cloud.memberAccountIds[0];
  memberRoleArn = `arn:aws:iam::${member}:role/${MEMBER_ROLE_NAME}`;
}, 60_000);
afterAll(async () => { await cloud?.stop(); });

const stsAs = (credentials?: AwsCredentialIdentity | ReturnType<LocalCloud['iam']['credentialsFor']>) => new STSClient(credentials ? { credentials } : {});
const fnCredentials = (fn: string) => cloud.iam.credentialsFor(fn)!;
const assume = (client: STSClient, input: Partial<{ RoleArn: string; ExternalId: string; DurationSeconds: number }> = {}) =>
  client.send(new AssumeRoleCommand({ RoleArn: memberRoleArn, RoleSessionName: 'egress-operator', ExternalId: LOCAL_MEMBER_EXTERNAL_ID, ...input }));
async function failure(p: Promise<unknown>) {
  try { await p; } catch (e) { return { code: (e as Error).name, message: (e as Error).message }; }
  throw new Error('expected the call to fail');
}

describe('GetCallerIdentity', () => {
  it('names the account of a 12-digit key and the operator account for any other key', async () => {
    const asMember = await stsAs({ accessKeyId: member, secretAccessKey: 'x' }).send(new GetCallerIdentityCommand({}));
    expect(asMember).toEqual(expect.objectContaining({ Account: member, Arn: `arn:aws:iam::${member}:root`, UserId: member }));
    const asDefault = await stsAs().send(new GetCallerIdentityCommand({}));
    expect(asDefault.Account).toBe(cloud.accountId);
  });
});

describe('AssumeRole of the member role', () => {
  it('a function role with the ExternalId gets credentials that act as the member role', async () => {
    const out = await assume(stsAs(fnCredentials('EnsureEndpoint')));
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${member}:assumed-role/${MEMBER_ROLE_NAME}/egress-operator`);
    expect(out.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z2-7]{17}:egress-operator$/);
    expect(out.Credentials?.Expiration!.getTime()).toBeGreaterThan(Date.now() + 3500_000);
    const credentials = { accessKeyId: out.Credentials!.AccessKeyId!, secretAccessKey: out.Credentials!.SecretAccessKey!, sessionToken: out.Credentials!.SessionToken };
    const who = await stsAs(credentials).send(new GetCallerIdentityCommand({}));
    expect(who).toEqual(expect.objectContaining({ Account: member, Arn: out.AssumedRoleUser!.Arn }));
    // It sees the member account's VPCs, and the member role's policy applies to its calls.
    const ec2 = new EC2Client({ credentials });
    const vpcs = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs!.map((v) => v.VpcId);
    expect(vpcs).toEqual(expect.arrayContaining(cloud.memberProjectVpcIds[member]));
    const vpc = cloud.memberProjectVpcIds[member][0];
    expect((await failure(ec2.send(new CreateTagsCommand({ DryRun: true, Resources: [vpc], Tags: [{ Key: 'egress-proxy:state', Value: 'Ready' }] })))).code).toBe('DryRunOperation');
    const defaultGroup = (await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }] }))).SecurityGroups![0].GroupId!;
    const refused = await failure(ec2.send(new DeleteSecurityGroupCommand({ GroupId: defaultGroup })));
    expect(refused.code).toBe('UnauthorizedOperation');
    expect(refused.message).toContain(`arn:aws:sts::${member}:assumed-role/${MEMBER_ROLE_NAME}/egress-operator is not authorized to perform: ec2:DeleteSecurityGroup`);
  });

  it('refuses a wrong or missing ExternalId with AccessDenied naming the action and the role', async () => {
    const wrong = await failure(assume(stsAs(fnCredentials('EnsureEndpoint')), { ExternalId: 'guess' }));
    expect(wrong.code).toBe('AccessDenied');
    expect(wrong.message).toMatch(new RegExp(`assumed-role/.+ is not authorized to perform: sts:AssumeRole on resource: ${memberRoleArn}$`));
    const missing = await failure(stsAs(fnCredentials('EnsureEndpoint')).send(new AssumeRoleCommand({ RoleArn: memberRoleArn, RoleSessionName: 'egress-operator' })));
    expect(missing.code).toBe('AccessDenied');
  });

  it('refuses the operator account itself: the trust policy admits only the function roles (aws:PrincipalArn)', async () => {
    const out = await failure(assume(stsAs({ accessKeyId: cloud.accountId, secretAccessKey: 'x' })));
    expect(out).toEqual({ code: 'AccessDenied', message: `User: arn:aws:iam::${cloud.accountId}:root is not authorized to perform: sts:AssumeRole on resource: ${memberRoleArn}` });
  });

  it('refuses a function role whose own policy does not grant sts:AssumeRole', async () => {
    const out = await failure(assume(stsAs(fnCredentials('DispatchTagEvent'))));
    expect(out.code).toBe('AccessDenied');
    expect(out.message).toContain('because no identity-based policy allows the sts:AssumeRole action');
  });

  it('answers a role that does not exist exactly like a refused one', async () => {
    const arn = `arn:aws:iam::${member}:role/nope`;
    const out = await failure(assume(stsAs({ accessKeyId: member, secretAccessKey: 'x' }), { RoleArn: arn }));
    expect(out).toEqual({ code: 'AccessDenied', message: `User: arn:aws:iam::${member}:root is not authorized to perform: sts:AssumeRole on resource: ${arn}` });
  });

  it('validates the session name and the duration against the role maximum', async () => {
    const client = stsAs(fnCredentials('EnsureEndpoint'));
    expect((await failure(client.send(new AssumeRoleCommand({ RoleArn: memberRoleArn, RoleSessionName: 'bad name', ExternalId: LOCAL_MEMBER_EXTERNAL_ID })))).code).toBe('ValidationError');
    const long = await failure(assume(client, { DurationSeconds: 7200 }));
    expect(long).toEqual({ code: 'ValidationError', message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.' });
  });
});
