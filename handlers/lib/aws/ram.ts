/**
 * The hub's RAM share as seen from both sides: which shares hold the resource configuration (the hub
 * account, the operator's own credentials) and the member account's invitations to them (the member
 * role). Accepting happens here too; what to do is the share planner's (handlers/lib/plan/spec-share.ts).
 * https://docs.aws.amazon.com/ram/latest/APIReference/API_GetResourceShareInvitations.html
 */
import {
  AcceptResourceShareInvitationCommand, GetResourceShareAssociationsCommand, GetResourceShareInvitationsCommand, RAMClient,
} from '@aws-sdk/client-ram';
import { invocationCredentials } from '../invocation-credentials';
import { memberCredentials } from '../aws-clients';
import type { ShareInvitation } from '../plan/spec-share';
import { callAws } from './call';

const hubRam = new RAMClient({ credentials: invocationCredentials });
const memberRam = new Map<string, RAMClient>();

function ramOf(account: string, region: string | undefined): RAMClient {
  const key = `${account}/${region ?? ''}`;
  let client = memberRam.get(key);
  if (!client) {
    client = new RAMClient({ ...(region ? { region } : {}), credentials: memberCredentials(account, region) });
    memberRam.set(key, client);
  }
  return client;
}

/** ARNs of the hub's own shares that hold the resource configuration. */
export async function hubShareArns(resourceConfigurationArn: string): Promise<string[]> {
  const out = await callAws('GetResourceShareAssociations', () => hubRam.send(new GetResourceShareAssociationsCommand({
    associationType: 'RESOURCE', resourceArn: resourceConfigurationArn,
  })));
  return [...new Set((out.resourceShareAssociations ?? []).map((a) => a.resourceShareArn!).filter(Boolean))].sort();
}

/** The member account's invitations to those shares. */
export async function memberInvitations(account: string, region: string | undefined, shareArns: string[]): Promise<ShareInvitation[]> {
  const out = await callAws('GetResourceShareInvitations', () => ramOf(account, region).send(new GetResourceShareInvitationsCommand({
    resourceShareArns: shareArns,
  })));
  return (out.resourceShareInvitations ?? []).map((i) => ({
    arn: i.resourceShareInvitationArn!, shareArn: i.resourceShareArn!, status: i.status ?? 'PENDING',
    ...(i.resourceShareName ? { shareName: i.resourceShareName } : {}),
  }));
}

export async function acceptInvitation(account: string, region: string | undefined, invitationArn: string): Promise<void> {
  await ramOf(account, region).send(new AcceptResourceShareInvitationCommand({ resourceShareInvitationArn: invitationArn }));
}
