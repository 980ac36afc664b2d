/**
 * Accepted cdk-nag findings shared by the stacks, each with the reason it is accepted. Kept in
 * one place so a reviewer reads every exception of the app in one file per stack.
 */
import { NagPackSuppression } from 'cdk-nag';

/** `ec2:*:<account>:{vpc,subnet,security-group,vpc-endpoint}/*` in the operator and member policies. */
export const EC2_RUNTIME_RESOURCES: NagPackSuppression = {
  id: 'AwsSolutions-IAM5',
  appliesTo: [{ regex: '/^Resource::arn:<AWS::Partition>:ec2:\\*:(<AWS::AccountId>|\\d{12}):(vpc|subnet|security-group|vpc-endpoint)\\/\\*$/' }],
  reason: 'The project VPCs, subnets, security groups and endpoints are chosen at run time (any VPC tagged egress=proxy), '
    + 'so their IDs cannot be listed. Every destructive action (Delete*, Modify*, Revoke*) and every change to a security '
    + 'group carries the condition aws:ResourceTag/egress-proxy:managed-by=egress-operator; creates require those tags in '
    + 'the request; tags on the project VPC are limited to egress-proxy* keys (infra/iam/ec2-permissions.ts).',
};

/** Actions that AWS authorizes only on Resource "*". */
export const RESOURCE_STAR_ONLY: NagPackSuppression = {
  id: 'AwsSolutions-IAM5',
  appliesTo: ['Resource::*'],
  reason: 'Only actions without resource-level permissions use "*": ec2:Describe* (EC2 Describe calls support no resource ARNs), '
    + 'xray:PutTraceSegments/PutTelemetryRecords (X-Ray tracing), the CloudWatch Logs delivery actions Step Functions logging '
    + 'requires, ram:GetResourceShareInvitations/GetResourceShareAssociations (no resource types in the Service Authorization '
    + 'Reference). Any other action granted on "*" raises the egress:UnscopedAction warning, which the tests fail on.',
};

/** `ram:*:<hub account>:resource-share-invitation/*`: the hub share's invitations (infra/iam/ram-permissions.ts). */
export const HUB_SHARE_INVITATIONS: NagPackSuppression = {
  id: 'AwsSolutions-IAM5',
  appliesTo: [{ regex: '/^Resource::arn:<AWS::Partition>:ram:\\*:(<AWS::AccountId>|<OperatorAccountId>|\\d{12}):resource-share-invitation\\/\\*$/' }],
  reason: 'Invitation IDs are made by AWS RAM when the hub shares, so they cannot be listed; the ARN is limited to '
    + 'invitations sent by the hub (operator) account, and the operator accepts only the one to the share holding its '
    + 'resource configuration (handlers/lib/validate-spec.ts).',
};

/** `iam::*:role/<memberRoleName>` when the members are "every account of the organization" (organizationId). */
export const ORG_MEMBER_ROLES = (roleName: string, organizationId: string): NagPackSuppression => ({
  id: 'AwsSolutions-IAM5',
  appliesTo: [`Resource::arn:<AWS::Partition>:iam::*:role/${roleName}`],
  reason: `With organizationId the member accounts are every account of ${organizationId}, which cannot be listed at synth time, `
    + `so the account in the member role ARN is a wildcard. The role name is fixed (${roleName}), the statement carries the `
    + `condition aws:ResourceOrgID=${organizationId}, and each member role trusts only the operator's function roles with the ExternalId.`,
});

export const DLQ_IS_A_DLQ = (what: string): NagPackSuppression => ({
  id: 'AwsSolutions-SQS3',
  reason: `This queue is itself the dead-letter queue (${what}); a DLQ of a DLQ would only move the same messages again.`,
});
