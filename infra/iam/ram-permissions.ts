/**
 * The member role's RAM statements: read its invitations, and accept only invitations sent by the hub
 * account (an invitation ARN names the sharing account, https://docs.aws.amazon.com/ram/latest/userguide/working-with-shared-invitations.html);
 * the operator itself accepts only the invitation to the share that holds the resource configuration
 * (handlers/lib/validate-spec.ts). Narrowing further by `ram:ResourceShareName` (a condition key of
 * AcceptResourceShareInvitation in the Service Authorization Reference) waits for the local cloud's IAM
 * to supply that key, so that the e2e tests can prove it.
 */
import * as iam from 'aws-cdk-lib/aws-iam';

export interface RamScope {
  partition: string;
  /** The hub's (= operator's) account, which owns the share and sends its invitations. */
  hubAccount: string;
}

export function hubInvitationArns(partition: string, hubAccount: string): string {
  return `arn:${partition}:ram:*:${hubAccount}:resource-share-invitation/*`;
}

export function ramStatements(actions: string[], scope: RamScope): iam.PolicyStatement[] {
  const out: iam.PolicyStatement[] = [];
  if (actions.includes('ram:GetResourceShareInvitations')) {
    out.push(new iam.PolicyStatement({ sid: 'ReadShareInvitations', actions: ['ram:GetResourceShareInvitations'], resources: ['*'] }));
  }
  if (actions.includes('ram:AcceptResourceShareInvitation')) {
    out.push(new iam.PolicyStatement({
      sid: 'AcceptHubShareInvitation',
      actions: ['ram:AcceptResourceShareInvitation'],
      resources: [hubInvitationArns(scope.partition, scope.hubAccount)],
    }));
  }
  return out;
}
