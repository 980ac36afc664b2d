/** cdk-nag AwsSolutions findings of the hub stack that are accepted, each with its reason. */
import { Stack } from 'aws-cdk-lib';
import { NagSuppressions } from 'cdk-nag';

export function suppressHubFindings(stack: Stack): void {
  NagSuppressions.addStackSuppressions(stack, [
    {
      id: 'AwsSolutions-IAM4',
      appliesTo: ['Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonSSMManagedInstanceCore'],
      reason: 'Squid instances have no SSH and no key pair; shell access is SSM Session Manager only, whose agent needs '
        + 'exactly this AWS-maintained policy (it follows the agent\'s changing API needs).',
    },
    {
      id: 'AwsSolutions-IAM5',
      appliesTo: ['Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:instance/*'],
      reason: 'A replacement Squid attaches its AZ\'s fixed interface to itself; its instance ID exists only after launch. '
        + 'The statement requires aws:ResourceTag/egress-operator:component=squid (set by the Squid ASGs at launch), and '
        + 'the interface side is limited to the fixed interfaces by ARN.',
    },
  ]);
}
