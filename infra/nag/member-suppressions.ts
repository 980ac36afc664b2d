/** cdk-nag AwsSolutions findings of the member stack that are accepted, each with its reason. */
import { Stack } from 'aws-cdk-lib';
import { NagSuppressions } from 'cdk-nag';
import { DLQ_IS_A_DLQ, EC2_RUNTIME_RESOURCES, HUB_SHARE_INVITATIONS, RESOURCE_STAR_ONLY } from './reasons';

export function suppressMemberFindings(stack: Stack): void {
  NagSuppressions.addStackSuppressions(stack, [EC2_RUNTIME_RESOURCES, RESOURCE_STAR_ONLY, HUB_SHARE_INVITATIONS]);
  NagSuppressions.addResourceSuppressionsByPath(stack, `${stack.node.path}/ForwardDeadLetterQueue/Resource`,
    [DLQ_IS_A_DLQ('of the rule forwarding tag events to the operator bus')]);
}
