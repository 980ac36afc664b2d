/**
 * Least privilege of the member role's RAM grant: it may accept the invitation to the hub's own share
 * (`<prefix>-squid`, from the hub account) and no other invitation, even one the hub account sent —
 * through the condition keys ram:ResourceShareName and ram:ShareOwnerAccountId of
 * AcceptResourceShareInvitation
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsresourceaccessmanagerram.html).
 */
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { AcceptResourceShareInvitationCommand, GetResourceShareInvitationsCommand, RAMClient } from '@aws-sdk/client-ram';
import { LOCAL_MEMBER_EXTERNAL_ID, MEMBER_ROLE_NAME } from '../../local/accounts';
import { startLocalCloud, type LocalCloud } from '../../local/cloud';

let cloud: LocalCloud;
let member: string;
beforeAll(async () => {
  cloud = await startLocalCloud({ proxy: 'stand-in', seedProjects: 0, memberProjects: 0, hubShare: 'invitations' });
  member = cloud.memberAccountIds[0];
}, 60_000);
afterAll(async () => { await cloud?.stop(); });

/** RAM as the member role, assumed the way the operator's functions assume it. */
async function ramAsMemberRole(): Promise<RAMClient> {
  const sts = new STSClient({ credentials: cloud.iam.credentialsFor('Observe')! });
  const { Credentials: c } = await sts.send(new AssumeRoleCommand({
    RoleArn: `arn:aws:iam::${member}:role/${MEMBER_ROLE_NAME}`, RoleSessionName: 'egress-operator', ExternalId: LOCAL_MEMBER_EXTERNAL_ID,
  }));
  return new RAMClient({ credentials: { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! } });
}

it('accepts the hub share\'s invitation; an invitation to another share of the hub account is refused by policy', async () => {
  cloud.ram.createResourceShare({
    owningAccountId: cloud.accountId, region: cloud.region, name: 'someone-elses-share', resourceArns: [], principals: [member],
  });
  const ram = await ramAsMemberRole();
  const invitations = (await ram.send(new GetResourceShareInvitationsCommand({}))).resourceShareInvitations ?? [];
  const hub = invitations.find((i) => i.resourceShareName === 'egress-operator-squid')!;
  const other = invitations.find((i) => i.resourceShareName === 'someone-elses-share')!;
  expect(hub?.status).toBe('PENDING');
  expect(other?.status).toBe('PENDING');

  const refused = await ram.send(new AcceptResourceShareInvitationCommand({ resourceShareInvitationArn: other.resourceShareInvitationArn! }))
    .then(() => undefined, (e: Error) => e);
  expect(refused?.name).toMatch(/AccessDenied/);
  expect(refused?.message).toContain('ram:AcceptResourceShareInvitation');

  const accepted = await ram.send(new AcceptResourceShareInvitationCommand({ resourceShareInvitationArn: hub.resourceShareInvitationArn! }));
  expect(accepted.resourceShareInvitation?.status).toBe('ACCEPTED');
});
