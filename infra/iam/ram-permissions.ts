/**
 * The member role's RAM statements: read its invitations, and accept only the invitation to the hub's
 * own share — sent by the hub account (an invitation ARN names the sharing account,
 * https://docs.aws.amazon.com/ram/latest/userguide/working-with-shared-invitations.html) for the share
 * named `<prefix>-squid`, through the condition keys `ram:ResourceShareName` and `ram:ShareOwnerAccountId`
 * that the Service Authorization Reference lists for AcceptResourceShareInvitation
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsresourceaccessmanagerram.html).
 * The operator itself accepts only the invitation to the share that holds the resource configuration
 * (handlers/lib/validate-spec.ts); the local cloud's IAM supplies both keys, so the e2e tests prove it.
 */
import * as iam from 'aws-cdk-lib/aws-iam';
export { hubShareName } from '../share-name';

export interface RamScope {
  partition: string;
  /** The hub's (= operator's) account, which owns the share and sends its invitations. */
  hubAccount: string;
  /** The hub share's name (hubShareName). */
  shareName: string;
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
      conditions: { StringEquals: { 'ram:ResourceShareName': scope.shareName, 'ram:ShareOwnerAccountId': scope.hubAccount } },
    }));
  }
  return out;
}
