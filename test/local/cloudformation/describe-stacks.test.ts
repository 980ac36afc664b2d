/**
 * The local CloudFormation's DescribeStacks through the real SDK: the hub and operator stacks with the
 * outputs their CDK stacks declare, in the operator account and home Region only; an unknown stack is
 * a ValidationError (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStacks.html).
 */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { startLocalCloud, type LocalCloud } from '../../../local/cloud';

let cloud: LocalCloud;
const made: CloudFormationClient[] = [];
const clientAs = (accountId: string, region = cloud.region) => {
  made.push(new CloudFormationClient({ endpoint: cloud.url, region, maxAttempts: 1, credentials: { accessKeyId: accountId, secretAccessKey: 'local' } }));
  return made[made.length - 1];
};

beforeAll(async () => { cloud = await startLocalCloud({ proxy: 'stand-in', seedProjects: 0, memberProjects: 0 }); });
afterAll(async () => {
  for (const c of made) c.destroy();
  await cloud?.stop();
});

test('EgressOperator: CREATE_COMPLETE with both state machine ARNs and the event bus', async () => {
  const { Stacks } = await clientAs(cloud.accountId).send(new DescribeStacksCommand({ StackName: 'EgressOperator' }));
  expect(Stacks).toHaveLength(1);
  expect(Stacks![0]).toMatchObject({ StackName: 'EgressOperator', StackStatus: 'CREATE_COMPLETE', StackId: expect.stringMatching(/^arn:aws:cloudformation:us-east-1:123456789012:stack\/EgressOperator\/[0-9a-f-]{36}$/) });
  const outputs = Object.fromEntries(Stacks![0].Outputs!.map((o) => [o.OutputKey, o.OutputValue]));
  expect(outputs).toEqual({
    ReconcileVpcStateMachineArn: cloud.stateMachineArn('reconcile-vpc'),
    ReconcileFleetStateMachineArn: cloud.stateMachineArn('reconcile-fleet'),
    EventBusArn: `arn:aws:events:us-east-1:${cloud.accountId}:event-bus/egress-operator`,
  });
});

test('EgressHub by its stack ID; no StackName lists both', async () => {
  const cfn = clientAs(cloud.accountId);
  const all = (await cfn.send(new DescribeStacksCommand({}))).Stacks!;
  expect(all.map((s) => s.StackName).sort()).toEqual(['EgressHub', 'EgressOperator']);
  const hubId = all.find((s) => s.StackName === 'EgressHub')!.StackId!;
  const [hub] = (await cfn.send(new DescribeStacksCommand({ StackName: hubId }))).Stacks!;
  expect(hub.Outputs!.find((o) => o.OutputKey === 'ResourceConfigurationArn')?.OutputValue).toBe(cloud.resourceConfigurationArn);
});

test('an unknown stack, another account or another Region: ValidationError "Stack with id … does not exist"', async () => {
  const cases: Array<[CloudFormationClient, string]> = [
    [clientAs(cloud.accountId), 'EgressOperator-typo'],
    [clientAs(cloud.memberAccountIds[0]), 'EgressOperator'],
    [clientAs(cloud.accountId, 'eu-west-1'), 'EgressHub'],
  ];
  for (const [cfn, name] of cases) {
    await expect(cfn.send(new DescribeStacksCommand({ StackName: name }))).rejects.toMatchObject({ name: 'ValidationError', message: `Stack with id ${name} does not exist` });
  }
});
