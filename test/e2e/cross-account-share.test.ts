/**
 * A hub share that is not accepted yet: the hub's RAM share reaches the member accounts as invitations
 * (organization sharing off), so a Resource endpoint there fails until the member accepts
 * (https://docs.aws.amazon.com/vpc/latest/privatelink/use-resource-endpoint.html#prerequisites-resource-endpoints).
 * The operator accepts the invitation to the hub's own share through the member role; when it may
 * not, the VPC says which invitation to accept, and nothing is created.
 */
import { CreateTagsCommand, DescribeSecurityGroupsCommand, DescribeVpcEndpointsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { GetResourceShareInvitationsCommand } from '@aws-sdk/client-ram';
import { ENV } from '../../handlers/catalog';
import { ownedFilters, toTagMap } from '../../handlers/lib/tags';
import type { LocalCloud } from '../../local/cloud';
import { startE2eCloud } from '../helpers/e2e-cloud';
import { clientsFor } from '../local/accounts/helpers';
import { eventually } from '../helpers/eventually';

let cloud: LocalCloud;
beforeAll(async () => { cloud = await startE2eCloud({ endpointPendingMs: 100, timeScale: 0.01, hubShare: 'invitations' }); });
afterAll(async () => { await cloud?.stop(); });

/** Opts the VPC in and returns its tags once its state is `state` (EC2 reads lag writes: ../helpers/eventually). */
async function optIn(accountId: string, vpc: string, state: string) {
  const { ec2 } = clientsFor(cloud, accountId);
  await ec2.send(new CreateTagsCommand({ Resources: [vpc], Tags: [{ Key: 'egress', Value: 'proxy' }] }));
  await cloud.awaitIdle();
  return eventually(async () => toTagMap((await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpc] }))).Vpcs![0].Tags),
    (t) => expect(t['egress-proxy:state']).toBe(state), { what: `tags of ${vpc}` });
}

const invitationStatuses = async (accountId: string) =>
  ((await clientsFor(cloud, accountId).ram.send(new GetResourceShareInvitationsCommand({}))).resourceShareInvitations ?? []).map((i) => i.status);

it('a member role without ram:AcceptResourceShareInvitation: Error ShareNotAccepted naming the invitation and the fix, nothing created', async () => {
  const member = cloud.memberAccountIds[0];
  const role = cloud.iam.roles.byName(member, process.env[ENV.memberRoleName]!)!;
  cloud.iam.removePermission(role.arn, 'ram:AcceptResourceShareInvitation');
  const vpc = cloud.memberProjectVpcIds[member][0];
  const tags = await optIn(member, vpc, 'Error');
  expect(tags['egress-proxy:reason']).toMatch(/^ShareNotAccepted: cannot accept arn:aws:ram:[^ ]+:resource-share-invitation\/\S+ \(AccessDenied\w*\); accept it in \d{12}/);
  expect(tags['egress-proxy:reason']).toMatch(/enable-sharing-with-aws-organization/);
  expect(await invitationStatuses(member)).toEqual(['PENDING']);
  const { ec2 } = clientsFor(cloud, member);
  expect((await ec2.send(new DescribeSecurityGroupsCommand({ Filters: ownedFilters(vpc) }))).SecurityGroups).toEqual([]);
  expect((await ec2.send(new DescribeVpcEndpointsCommand({ Filters: ownedFilters(vpc) }))).VpcEndpoints).toEqual([]);
});

it('the operator accepts the hub share\'s pending invitation in the member account and the VPC becomes Ready', async () => {
  const member = cloud.memberAccountIds[1];
  await optIn(member, cloud.memberProjectVpcIds[member][0], 'Ready');
  expect(await invitationStatuses(member)).toEqual(['ACCEPTED']);
});
