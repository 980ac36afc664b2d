/**
 * Every destructive EC2 action (Delete*, Modify*, Revoke*) granted anywhere in the operator or
 * member stack is conditioned on the ownership tag; tags on VPCs only for egress-proxy* keys;
 * creates require the ownership tags; tag-on-create only within our create calls.
 */
import { Template } from 'aws-cdk-lib/assertions';
import { isDestructive } from '../../infra/iam/ec2-permissions';
import { operatorStatements } from '../../infra/iam/operator-permissions';
import { allStatements, asArray, buildStacks, template, TEST_EXTERNAL_ID } from './helpers';

const OWNED = { StringEquals: { 'aws:ResourceTag/egress-proxy:managed-by': 'egress-operator' } };

const templates: Partial<Record<'operator' | 'member', Template>> = {};
beforeAll(() => {
  const stacks = buildStacks({ memberAccounts: ['111111111111'], memberExternalId: TEST_EXTERNAL_ID });
  templates.operator = template(stacks.operator);
  templates.member = template(stacks.member);
});

describe.each(['operator', 'member'] as const)('%s stack IAM', (which) => {
  let statements: any[];
  beforeAll(() => {
    statements = allStatements(templates[which]!).filter((s) => s.Effect === 'Allow');
  });
  const withAction = (pred: (a: string) => boolean) => statements.filter((s) => asArray<string>(s.Action).some(pred));

  test('destructive EC2 actions only on owned resources', () => {
    const destructive = withAction((a) => a.startsWith('ec2:') && isDestructive(a) && a !== 'ec2:DeleteTags');
    expect(destructive.length).toBeGreaterThan(0);
    for (const s of destructive) expect(s.Condition).toEqual(OWNED);
  });

  test('tags: on VPCs only egress-proxy* keys, otherwise only owned resources or on create', () => {
    for (const s of withAction((a) => a === 'ec2:CreateTags' || a === 'ec2:DeleteTags')) {
      const resources = JSON.stringify(s.Resource);
      if (resources.includes(':vpc/*')) {
        expect(s.Condition['ForAllValues:StringLike']).toEqual({ 'aws:TagKeys': ['egress-proxy*'] });
        expect(resources).not.toMatch(/security-group|vpc-endpoint/);
      } else if (s.Condition['ec2:CreateAction'] || s.Condition.StringEquals?.['ec2:CreateAction']) {
        for (const a of asArray<string>(s.Condition.StringEquals['ec2:CreateAction'])) {
          expect(['CreateSecurityGroup', 'CreateVpcEndpoint']).toContain(a);
        }
      } else {
        expect(s.Condition).toEqual(OWNED);
      }
    }
  });

  test('new security groups and endpoints must carry the ownership tags', () => {
    for (const s of withAction((a) => a === 'ec2:CreateSecurityGroup' || a === 'ec2:CreateVpcEndpoint')) {
      const resources = JSON.stringify(s.Resource);
      if (/security-group\/\*|vpc-endpoint\/\*/.test(resources) && !s.Condition?.StringEquals?.['aws:ResourceTag/egress-proxy:managed-by']) {
        expect(s.Condition.StringEquals['aws:RequestTag/egress-proxy:managed-by']).toBe('egress-operator');
        expect(s.Condition.StringLike['aws:RequestTag/egress-proxy:owner']).toBe('vpc-*');
      }
    }
  });
});

describe('operator permission rules', () => {
  const scope = {
    partition: 'aws', account: '123456789012', region: 'eu-west-1',
    resourceConfigurationArn: 'arn:rcfg', resourceGatewayArn: 'arn:rgw',
    stateMachineArns: ['arn:aws:states:eu-west-1:123456789012:stateMachine:x'],
    statusEventBusArn: 'arn:bus', memberRoleArns: [],
  };

  test('non-EC2 actions are scoped to our resources', () => {
    const json = operatorStatements(['events:PutEvents', 'states:StartExecution', 'vpc-lattice:GetResourceConfiguration'], scope)
      .map((s) => s.toStatementJson());
    expect(json).toEqual(expect.arrayContaining([
      expect.objectContaining({ Action: 'events:PutEvents', Resource: 'arn:bus' }),
      expect.objectContaining({ Action: 'states:StartExecution', Resource: scope.stateMachineArns[0] }),
      expect.objectContaining({ Action: 'vpc-lattice:GetResourceConfiguration', Resource: 'arn:rcfg' }),
    ]));
  });

  test('an action without a rule is granted on * and flagged', () => {
    const warnings: string[] = [];
    const owner = { node: { addMetadata: (_: string, msg: string) => warnings.push(msg) } };
    const { Annotations } = jest.requireActual('aws-cdk-lib');
    const spy = jest.spyOn(Annotations, 'of').mockReturnValue({ addWarningV2: (_id: string, msg: string) => warnings.push(msg) } as any);
    const json = operatorStatements(['tag:GetResources'], scope, owner as any).map((s) => s.toStatementJson());
    spy.mockRestore();
    expect(json).toEqual([expect.objectContaining({ Action: 'tag:GetResources', Resource: '*' })]);
    expect(warnings[0]).toMatch(/tag:GetResources has no scoping rule/);
  });
});
