/** Links into the AWS console for what the CLI shows. Pure. */

export function executionConsoleUrl(executionArn: string): string {
  const region = regionOfArn(executionArn) ?? 'us-east-1';
  return `https://${region}.console.aws.amazon.com/states/home?region=${region}#/v2/executions/details/${executionArn}`;
}

export function vpcConsoleUrl(vpcId: string, region: string): string {
  return `https://${region}.console.aws.amazon.com/vpcconsole/home?region=${region}#VpcDetails:VpcId=${vpcId}`;
}

/** `arn:aws:states:REGION:…` → REGION. */
export function regionOfArn(arn: string): string | undefined {
  return /^arn:aws[a-z-]*:[a-z0-9-]+:([a-z0-9-]+):/.exec(arn)?.[1] || undefined;
}
