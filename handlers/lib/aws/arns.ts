/**
 * ARNs the operator builds itself. The partition follows from the region: China regions are `aws-cn`,
 * GovCloud regions `aws-us-gov`, the rest `aws`.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 */
export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';

export function partitionOf(region: string | undefined): Partition {
  if (region?.startsWith('cn-')) return 'aws-cn';
  if (region?.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export function vpcArn(region: string, account: string, vpcId: string): string {
  return `arn:${partitionOf(region)}:ec2:${region}:${account}:vpc/${vpcId}`;
}

/** IAM is global within a partition: the role ARN takes the partition of the region it is used from. */
export function roleArn(region: string | undefined, account: string, roleName: string): string {
  return `arn:${partitionOf(region)}:iam::${account}:role/${roleName}`;
}
