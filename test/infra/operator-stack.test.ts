/** Operator stack: functions, workflows and their substitutions, rules, bus policy, alarms, outputs. */
import { join } from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { DISPATCHER, LAMBDAS, STATE_MACHINES } from '../../handlers/catalog';
import { TAG_CHANGE_PATTERN } from '../../handlers/lib/event-patterns';
import { placeholdersOf, readDefinition, withDeployedPartition } from '../../infra/constructs/asl';
import { OperatorStack } from '../../infra/stacks/operator-stack';
import { asArray, buildStacks, template, TEST_EXTERNAL_ID } from './helpers';

const functionsOf = (t: Template) => Object.entries(t.findResources('AWS::Lambda::Function'))
  .filter(([, r]) => r.Properties.Runtime?.startsWith('nodejs') && r.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME);

describe('operator stack (defaults, organization members)', () => {
  let t: Template;
  beforeAll(() => {
    t = template(buildStacks({ organizationId: 'o-abcdef1234', memberExternalId: TEST_EXTERNAL_ID }).operator);
  });

  test('one Node.js ≥22 arm64 function per catalog entry, with the catalog environment', () => {
    const fns = functionsOf(t);
    expect(fns).toHaveLength(LAMBDAS.length + 1);
    for (const [, fn] of fns) {
      expect(Number(/^nodejs(\d+)\.x$/.exec(fn.Properties.Runtime)![1])).toBeGreaterThanOrEqual(22);
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
      const vars = fn.Properties.Environment.Variables;
      expect(vars).toMatchObject({ NODE_OPTIONS: '--enable-source-maps', POWERTOOLS_SERVICE_NAME: 'egress-operator' });
      for (const name of ['RESOURCE_CONFIGURATION_ARN', 'PROXY_CHECK_TARGET', 'STATUS_EVENT_BUS_NAME',
        'RECONCILE_STATE_MACHINE_ARN', 'OPERATOR_ACCOUNT_ID', 'MEMBER_ROLE_NAME', 'MEMBER_EXTERNAL_ID']) {
        expect(vars[name]).toBeDefined();
      }
    }
  });

  test('VerifyProxy (and any entry marked inHubVpc) runs in the hub VPC, the others outside any VPC', () => {
    const inVpc = functionsOf(t).filter(([, fn]) => fn.Properties.VpcConfig).map(([id]) => id.replace(/^Functions/, '').replace(/[0-9A-F]{8}$/, '')).sort();
    expect(inVpc).toEqual(LAMBDAS.filter((l) => l.inHubVpc).map((l) => l.id).sort());
    expect(inVpc).toContain('VerifyProxy');
  });

  test('both tag rules use the shared pattern and target the dispatcher with a DLQ', () => {
    const rules = Object.values(t.findResources('AWS::Events::Rule')).filter((r) => r.Properties.EventPattern);
    expect(rules).toHaveLength(2);
    for (const rule of rules) {
      expect(rule.Properties.EventPattern).toEqual(TAG_CHANGE_PATTERN);
      expect(rule.Properties.Targets).toEqual([expect.objectContaining({
        Arn: { 'Fn::GetAtt': [expect.stringMatching(/^FunctionsDispatchTagEvent/), 'Arn'] },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [expect.stringMatching(/^EventsDeadLetterQueue/), 'Arn'] } },
      })]);
    }
    expect(TAG_CHANGE_PATTERN.detail['changed-tag-keys']).toEqual(['egress', 'egress:subnets', 'egress:deletion-policy']);
  });

  test('definition substitutions match the ${…} placeholders of every ASL file, both ways', () => {
    const machines = Object.values(t.findResources('AWS::StepFunctions::StateMachine'));
    expect(machines).toHaveLength(STATE_MACHINES.length);
    for (const sm of STATE_MACHINES) {
      const machine = machines.find((m) => m.Properties.StateMachineName === `egress-operator-${sm.name}`)!;
      const definition = withDeployedPartition(readDefinition(sm.file));
      expect(machine.Properties.DefinitionString).toBe(definition);
      expect(definition).not.toMatch(/arn:aws[a-z-]*:/);
      if (placeholdersOf(definition).includes('Partition')) {
        expect(machine.Properties.DefinitionSubstitutions.Partition).toEqual({ Ref: 'AWS::Partition' });
      }
      expect(Object.keys(machine.Properties.DefinitionSubstitutions).sort()).toEqual(placeholdersOf(definition));
    }
  });

  test('state machines log ALL events and trace with X-Ray; the role may invoke exactly the task functions', () => {
    t.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      LoggingConfiguration: Match.objectLike({ Level: 'ALL' }),
      TracingConfiguration: { Enabled: true },
    });
    const invoke = Object.values(t.findResources('AWS::IAM::Policy'))
      .flatMap((p) => p.Properties.PolicyDocument.Statement)
      .filter((s: any) => s.Action === 'lambda:InvokeFunction');
    expect(invoke).toHaveLength(STATE_MACHINES.length);
    const invoked = [...new Set(invoke.flatMap((s: any) => asArray(s.Resource)).map((r: any) => r['Fn::GetAtt'][0]))];
    expect(invoked).toHaveLength(LAMBDAS.length);
    expect(invoked.some((id: string) => id.includes(DISPATCHER.id))).toBe(false);
  });

  test('the bus accepts events from the organization only, in its own Policy (no deprecated EventBusPolicy resources)', () => {
    t.resourceCountIs('AWS::Events::EventBusPolicy', 0);
    t.hasResourceProperties('AWS::Events::EventBus', {
      Policy: { Version: '2012-10-17', Statement: [Match.objectLike({
        Action: 'events:PutEvents',
        Principal: { AWS: '*' },
        Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abcdef1234' } },
      })] },
    });
  });

  test('alarms on failed executions and on the dead-letter queue', () => {
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ExecutionsFailed', Threshold: 1 });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 1 });
  });

  test('no fleet-sweep schedule while reconcile-fleet does not exist', () => {
    const scheduled = Object.values(t.findResources('AWS::Events::Rule')).filter((r) => r.Properties.ScheduleExpression);
    expect(scheduled).toHaveLength(STATE_MACHINES.some((s) => s.name === 'reconcile-fleet') ? 1 : 0);
  });

  test('outputs every state machine ARN and the bus ARN', () => {
    for (const sm of STATE_MACHINES) t.hasOutput(sm.placeholder, {});
    t.hasOutput('EventBusArn', {});
  });
});

describe('operator stack with a stand-in fleet workflow (placeholders across workflows)', () => {
  let t: Template;
  beforeAll(() => {
    const { app, config, hub } = buildStacks({ memberAccounts: ['111111111111'], memberExternalId: TEST_EXTERNAL_ID, fleetSweepSchedule: 'rate(5 minutes)' });
    const stack = new OperatorStack(app, 'FleetOperator', {
      config,
      hub: {
        vpc: hub.vpc, probeSecurityGroup: hub.probeSecurityGroup,
        resourceConfigurationArn: hub.resourceConfigurationArn, resourceGatewayArn: hub.resourceGatewayArn,
      },
      lambdas: [...LAMBDAS.filter((l) => l.id !== 'ScanFleet'), { id: 'ScanFleet', file: 'observe.ts', placeholder: 'ScanFleetFunctionArn', actions: ['ec2:DescribeVpcs', 'states:StartExecution'] }],
      workflows: [...STATE_MACHINES.filter((s) => s.name !== 'reconcile-fleet'), { name: 'reconcile-fleet', file: join(__dirname, 'fixtures', 'fleet.asl.json'), placeholder: 'ReconcileFleetStateMachineArn' }],
    });
    t = template(stack);
  });

  test('a workflow starting another gets its ARN and may start only it', () => {
    const fleet = Object.values(t.findResources('AWS::StepFunctions::StateMachine'))
      .find((m) => m.Properties.StateMachineName === 'egress-operator-reconcile-fleet')!;
    expect(Object.keys(fleet.Properties.DefinitionSubstitutions).sort()).toEqual(['Partition', 'ReconcileVpcStateMachineArn', 'ScanFleetFunctionArn']);
    expect(fleet.Properties.DefinitionString).toContain('"arn:${Partition}:states:::states:startExecution"');
    expect(JSON.stringify(fleet.Properties.DefinitionSubstitutions.ReconcileVpcStateMachineArn)).toContain(':stateMachine:egress-operator-reconcile-vpc');
  });

  test('every function is told the sweep period of the configured rate', () => {
    for (const [, fn] of functionsOf(t)) expect(fn.Properties.Environment.Variables.FLEET_SWEEP_INTERVAL_SECONDS).toBe('300');
  });

  test('the sweep schedule is wired to reconcile-fleet with the configured rate', () => {
    t.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(5 minutes)',
      Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('^WorkflowsReconcileFleet') } })],
    });
  });

  test('the bus accepts events from the member accounts; functions may assume only their member roles', () => {
    t.hasResourceProperties('AWS::Events::EventBus', {
      Policy: { Version: '2012-10-17', Statement: [Match.objectLike({ Principal: { AWS: { 'Fn::Join': Match.anyValue() } } })] },
    });
    const assume = Object.values(t.findResources('AWS::IAM::Policy'))
      .flatMap((p) => p.Properties.PolicyDocument.Statement)
      .filter((s: any) => s.Action === 'sts:AssumeRole');
    expect(assume.length).toBeGreaterThan(0);
    for (const s of assume) expect(JSON.stringify(s.Resource)).toContain(':iam::111111111111:role/egress-operator-member');
  });
});
