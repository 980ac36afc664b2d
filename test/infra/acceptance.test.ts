/**
 * The real-account acceptance test (integ/acceptance.ts) compiles and synthesizes here, offline:
 * hub, operator and project stacks, and the assertion steps in order — opt in, wait for Ready,
 * CONNECT from inside the project VPC, opt out, wait for the cleanup.
 */
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ACCEPTANCE_PREFIX, buildAcceptanceTest, PUBLIC_ENDPOINT } from '../../integ/acceptance';
import { testApp } from './helpers';

let built: ReturnType<typeof buildAcceptanceTest>;
let assertions: Template;
beforeAll(() => {
  built = buildAcceptanceTest(testApp());
  const deployAssert = built.test.node.findChild('DefaultTest').node.findChild('DeployAssert') as unknown as Stack;
  assertions = Template.fromStack(deployAssert);
}, 180_000);

test('deploys hub, operator and a project VPC whose CIDR overlaps the hub', () => {
  expect([built.hub.stackName, built.operator.stackName, built.project.stackName]).toEqual(['AcceptanceHub', 'AcceptanceOperator', 'AcceptanceProject']);
  const vpcCidrs = (stack: Stack) => Object.values(Template.fromStack(stack).findResources('AWS::EC2::VPC')).map((v) => v.Properties.CidrBlock);
  expect(vpcCidrs(built.project)).toEqual(vpcCidrs(built.hub));
  Template.fromStack(built.operator).hasResourceProperties('AWS::StepFunctions::StateMachine', { StateMachineName: `${ACCEPTANCE_PREFIX}-reconcile-vpc` });
});

test('the probe runs inside the project VPC, which has no route to the internet', () => {
  const t = Template.fromStack(built.project);
  t.resourceCountIs('AWS::EC2::NatGateway', 0);
  t.resourceCountIs('AWS::EC2::InternetGateway', 0);
  const probe = Object.values(t.findResources('AWS::Lambda::Function'))[0];
  expect(probe.Properties.VpcConfig.SubnetIds.length).toBeGreaterThan(0);
  expect(probe.Properties.Code.ZipFile).toContain('CONNECT');
});

test('the assertion steps run in order: opt in, Ready, data path, opt out, cleanup', () => {
  const resources = assertions.toJSON().Resources as Record<string, any>;
  const steps = Object.entries(resources).filter(([, r]) => String(r.Type).startsWith('Custom::DeployAssert@SdkCall'));
  const byId = new Map(steps);
  // Each step depends on the one before it (IAssertion.next); follow the chain from the step nothing precedes.
  const first = steps.find(([, r]) => !(r.DependsOn ?? []).some((d: string) => byId.has(d)))!;
  const order = [first[0]];
  for (;;) {
    const next = steps.find(([, r]) => (r.DependsOn ?? []).includes(order[order.length - 1]));
    if (!next) break;
    order.push(next[0]);
  }
  const summary = order.map((id) => {
    const { api, expected } = byId.get(id)!.Properties;
    return expected ? `${api} ${JSON.stringify(JSON.parse(expected))}` : api;
  });
  expect(summary).toEqual([
    'createTags',
    'describeTags {"$ObjectLike":{"Tags":[{"$ObjectLike":{"Value":"Ready"}}]}}',
    'describeTags',
    `invoke {"$ObjectLike":{"StatusCode":200,"Payload":{"$StringLike":"CONNECT ${PUBLIC_ENDPOINT}:443 -> 200; GET https://${PUBLIC_ENDPOINT}/ -> 200"}}}`,
    'deleteTags',
    'describeVpcEndpoints {"$ObjectLike":{"VpcEndpoints":[]}}',
    'describeSecurityGroups {"$ObjectLike":{"SecurityGroups":[]}}',
    'describeTags {"$ObjectLike":{"Tags":[]}}',
  ]);
  // Waits poll for up to 30 minutes (every 30 s, 60 attempts).
  expect(JSON.stringify(resources)).toContain('\\"IntervalSeconds\\":30,\\"MaxAttempts\\":60');
});
