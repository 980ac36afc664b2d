/**
 * `egress doctor` and the RAM share: with the hub shared with account IDs (no organization sharing),
 * each member's invitation stays PENDING until accepted
 * (https://docs.aws.amazon.com/ram/latest/userguide/working-with-shared-invitations.html); doctor
 * names it `ShareNotAccepted` with the ways to fix it, and passes once it is accepted.
 */
import { AcceptResourceShareInvitationCommand, GetResourceShareInvitationsCommand } from '@aws-sdk/client-ram';
import type { LocalCloud } from '../../../local/cloud';
import { clientsFor } from '../../local/accounts/helpers';
import { startCloud } from '../helpers/cloud';
import { addDoctorRole, doctorJson, doctorRoleArn, failures, memberProfiles } from './helpers';

// Each doctor run spawns the CLI and makes ~80 calls: generous on a loaded machine.
jest.setTimeout(120_000);

let cloud: LocalCloud;
let env: Record<string, string>;
let args: string[];
beforeAll(async () => {
  cloud = await startCloud({ seedProjects: 1, memberProjects: 1, hubShare: 'invitations' });
  addDoctorRole(cloud);
  const profiles = memberProfiles(cloud);
  env = { ...cloud.env, ...profiles.env };
  args = ['--assume-role', doctorRoleArn(cloud), ...profiles.flags];
});
afterAll(async () => { await cloud?.stop(); });

test('an unaccepted share: ShareNotAccepted for each member account, with the accept command and the organization alternative', async () => {
  const [member1, member2] = cloud.memberAccountIds;
  const { code, doc } = await doctorJson(args, env);
  expect(code).toBe(1);
  expect(failures(doc).map((c) => c.name)).toEqual([`account ${member1}: RAM share`, `account ${member2}: RAM share`]);
  const { ram, ec2, lattice } = clientsFor(cloud, member1);
  ec2.destroy();
  lattice.destroy();
  const [invitation] = (await ram.send(new GetResourceShareInvitationsCommand({}))).resourceShareInvitations!;
  const share = failures(doc)[0];
  expect(share.detail).toBe(`ShareNotAccepted: invitation ${invitation.resourceShareInvitationArn} from ${cloud.accountId} is PENDING`);
  expect(share.fix).toContain(`aws ram accept-resource-share-invitation --resource-share-invitation-arn ${invitation.resourceShareInvitationArn}`);
  expect(share.fix).toContain('aws ram enable-sharing-with-aws-organization');

  await ram.send(new AcceptResourceShareInvitationCommand({ resourceShareInvitationArn: invitation.resourceShareInvitationArn }));
  ram.destroy();
  const after = await doctorJson(args, env);
  expect(failures(after.doc).map((c) => c.name)).toEqual([`account ${member2}: RAM share`]);
  expect(after.doc.checks.find((c) => c.name === `account ${member1}: RAM share`)).toMatchObject({ status: 'ok', detail: `share egress-operator-squid ASSOCIATED with ${member1}` });
});
