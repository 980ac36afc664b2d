/** Member stack: forwarding rule, the operator role's trust (ExternalId, role path) and its actions. */
import { Match, Template } from 'aws-cdk-lib/assertions';
import { LAMBDAS } from '../../handlers/catalog';
import { TAG_CHANGE_PATTERN } from '../../handlers/lib/event-patterns';
import { asArray, buildStacks, template } from './helpers';

describe('member stack', () => {
  let t: Template;
  beforeAll(() => {
    t = template(buildStacks({ operatorAccountId: '999999999999' }).member);
  });

  test('forwards tag events matching the shared pattern to the operator bus', () => {
    t.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: TAG_CHANGE_PATTERN,
      Targets: [Match.objectLike({
        Arn: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(':event-bus/egress-operator$')])] },
        RoleArn: Match.anyValue(),
        DeadLetterConfig: Match.anyValue(),
      })],
    });
  });

  test('the role trusts only the operator function roles, with the ExternalId', () => {
    t.hasParameter('OperatorAccountId', { Default: '999999999999' });
    t.hasParameter('ExternalId', { NoEcho: true });
    t.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'egress-operator-member',
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: { 'sts:ExternalId': { Ref: 'ExternalId' } },
          ArnLike: { 'aws:PrincipalArn': { 'Fn::Join': ['', Match.arrayWith([':role/egress-operator/*'])] } },
        },
      })] },
    });
  });

  test('grants exactly the EC2 actions the handlers call (plus the Lattice endpoint association)', () => {
    const policy = Object.entries(t.findResources('AWS::IAM::Policy')).find(([id]) => id.startsWith('OperatorPolicy'))![1];
    const granted = new Set<string>(policy.Properties.PolicyDocument.Statement.flatMap((s: any) => asArray<string>(s.Action)));
    const needed = new Set(LAMBDAS.flatMap((l) => l.actions).filter((a) => a.startsWith('ec2:')));
    expect([...granted].filter((a) => a.startsWith('ec2:')).sort()).toEqual([...needed].sort());
    expect([...granted].filter((a) => !a.startsWith('ec2:'))).toEqual(['vpc-lattice:CreateServiceNetworkVpcEndpointAssociation']);
  });
});
