/** cdk-nag AwsSolutions findings of the operator stack that are accepted, each with its reason. */
import { Stack } from 'aws-cdk-lib';
import { NagSuppressions } from 'cdk-nag';
import { DLQ_IS_A_DLQ, EC2_RUNTIME_RESOURCES, HUB_SHARE_INVITATIONS, ORG_MEMBER_ROLES, RESOURCE_STAR_ONLY } from './reasons';

/** Set when the operator may assume the member role in every account of an organization (`iam::*:role/…`). */
export interface OrgWideMembers { memberRoleName: string; organizationId: string }

export function suppressOperatorFindings(stack: Stack, orgWide?: OrgWideMembers): void {
  if (orgWide) NagSuppressions.addStackSuppressions(stack, [ORG_MEMBER_ROLES(orgWide.memberRoleName, orgWide.organizationId)]);
  NagSuppressions.addStackSuppressions(stack, [
    EC2_RUNTIME_RESOURCES,
    RESOURCE_STAR_ONLY,
    HUB_SHARE_INVITATIONS,
    {
      id: 'AwsSolutions-IAM5',
      appliesTo: [{ regex: '/^Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:[A-Za-z0-9-]+[:/]\\*$/' }],
      reason: 'Execution names are made per run (one per VPC and generation; distributed Map children per map run), so '
        + 'they cannot be listed; the wildcard is limited to executions of the operator\'s own state machines.',
    },
    {
      id: 'AwsSolutions-IAM4',
      appliesTo: ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole'],
      reason: 'VerifyProxy runs in the hub VPC: the Lambda service creates and deletes its network interfaces through this '
        + 'AWS-maintained policy, on interfaces whose IDs are known only at run time.',
    },
  ]);
  NagSuppressions.addResourceSuppressionsByPath(stack, `${stack.node.path}/Events/DeadLetterQueue/Resource`,
    [DLQ_IS_A_DLQ('of the tag-event rules, the fleet-sweep schedule and the dispatcher\'s async invocations')]);
}
