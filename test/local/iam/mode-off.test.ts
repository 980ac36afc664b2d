/** `iam: 'off'`: calls made as a role are not evaluated, but roles, STS and trust policies stay. */
import { CreateSecurityGroupCommand, DeleteSecurityGroupCommand, EC2Client } from '@aws-sdk/client-ec2';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { MEMBER_ROLE_NAME } from '../../../local/accounts';
import { startLocalCloud, type LocalCloud } from '../../../local/cloud';

let cloud: LocalCloud;
beforeAll(async () => { cloud = await startLocalCloud({ proxy: 'stand-in', seedProjects: 1, memberProjects: 0, iam: 'off' }); }, 60_000);
afterAll(async () => { await cloud?.stop(); });

it('lets a role do what its policy does not allow, and still refuses an AssumeRole the trust policy does not admit', async () => {
  const vpc = cloud.projectVpcIds[0];
  const { GroupId } = await new EC2Client({}).send(new CreateSecurityGroupCommand({ VpcId: vpc, GroupName: 'foreign', Description: 'foreign' }));
  const asFinalize = new EC2Client({ credentials: cloud.iam.credentialsFor('Finalize') });
  await expect(asFinalize.send(new DeleteSecurityGroupCommand({ DryRun: true, GroupId }))).rejects.toThrow(expect.objectContaining({ name: 'DryRunOperation' }));
  expect(cloud.iam.denials).toEqual([]);
  const sts = new STSClient({ credentials: cloud.iam.credentialsFor('Finalize') });
  await expect(sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${cloud.memberAccountIds[0]}:role/${MEMBER_ROLE_NAME}`, RoleSessionName: 's1', ExternalId: 'wrong-external-id' })))
    .rejects.toThrow(expect.objectContaining({ name: 'AccessDenied' }));
});
