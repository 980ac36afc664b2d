/**
 * Member stack: a StackSet template that needs no CDK bootstrap and no assets; the forwarding rule to
 * the operator's bus in the operator's region; the role (once per account, in one region) and its
 * trust (ExternalId without default, role path) and its actions.
 */
import { Match, Template } from 'aws-cdk-lib/assertions';
import { LAMBDAS } from '../../handlers/catalog';
import { TAG_CHANGE_PATTERN } from '../../handlers/lib/event-patterns';
import { asArray, buildStacks, template } from './helpers';

describe('member stack', () => {
  let t: Template;
  let built: ReturnType<typeof buildStacks>;
  beforeAll(() => {
    built = buildStacks({ operatorAccountId: '999999999999', operatorRegion: 'eu-west-1' });
    t = template(built.member);
  });

  test('deploys into accounts that were never CDK-bootstrapped: no BootstrapVersion, no rule, no assets', () => {
    const json = t.toJSON();
    expect(json.Parameters?.BootstrapVersion).toBeUndefined();
    expect(json.Rules?.CheckBootstrapVersion).toBeUndefined();
    expect(JSON.stringify(json)).not.toMatch(/cdk-hnb659fds|AssetParameters|BootstrapVersion/);
    const artifact = built.app.synth().getStackArtifact(built.member.artifactId);
    expect(artifact.assets).toEqual([]);
    expect(artifact.assumeRoleArn).toBeUndefined();
  });

  test('forwards tag events matching the shared pattern to the operator bus in the operator region', () => {
    t.hasParameter('OperatorRegion', { Default: 'eu-west-1' });
    t.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: TAG_CHANGE_PATTERN,
      Targets: [Match.objectLike({
        Arn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':events:', { Ref: 'OperatorRegion' }, ':', { Ref: 'OperatorAccountId' }, ':event-bus/egress-operator']] },
        RoleArn: Match.anyValue(),
        DeadLetterConfig: Match.anyValue(),
      })],
    });
  });

  test('the role and its policy exist only in the member role region (one per account, fixed name)', () => {
    t.hasParameter('MemberRoleRegion', { Default: 'eu-west-1' });
    t.hasCondition('CreatesMemberRole', { 'Fn::Equals': [{ Ref: 'AWS::Region' }, { Ref: 'MemberRoleRegion' }] });
    const role = Object.values(t.findResources('AWS::IAM::Role', { Properties: { RoleName: 'egress-operator-member' } }));
    expect(role).toHaveLength(1);
    expect(role[0].Condition).toBe('CreatesMemberRole');
    const policy = Object.entries(t.findResources('AWS::IAM::Policy')).find(([id]) => id.startsWith('OperatorPolicy'))![1];
    expect(policy.Condition).toBe('CreatesMemberRole');
    // Everything else (the rule, its role and queue) is per region and has no fixed name.
    for (const [, res] of Object.entries(t.toJSON().Resources as Record<string, any>)) {
      if (res.Condition) continue;
      expect(res.Properties?.RoleName).toBeUndefined();
    }
  });

  test('the ExternalId is a required parameter: no default, hidden, long enough not to be guessed', () => {
    const param = t.toJSON().Parameters.ExternalId;
    expect(param.Default).toBeUndefined();
    expect(param.NoEcho).toBe(true);
    const pattern = new RegExp(param.AllowedPattern);
    expect(pattern.test('egress-operator')).toBe(false);
    expect(pattern.test('0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef')).toBe(true);
  });

  test('the role trusts only the operator function roles, with the ExternalId', () => {
    t.hasParameter('OperatorAccountId', { Default: '999999999999' });
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

  test('grants exactly the EC2 actions the handlers call and the RAM ones that accept the hub share, nothing else', () => {
    const policy = Object.entries(t.findResources('AWS::IAM::Policy')).find(([id]) => id.startsWith('OperatorPolicy'))![1];
    const granted = new Set<string>(policy.Properties.PolicyDocument.Statement.flatMap((s: any) => asArray<string>(s.Action)));
    const memberRam = ['ram:GetResourceShareInvitations', 'ram:AcceptResourceShareInvitation'];
    const needed = new Set(LAMBDAS.flatMap((l) => l.actions).filter((a) => a.startsWith('ec2:') || memberRam.includes(a)));
    expect([...granted].sort()).toEqual([...needed].sort());
  });

  test('the member role may accept only share invitations sent by the hub (operator) account', () => {
    const policy = Object.entries(t.findResources('AWS::IAM::Policy')).find(([id]) => id.startsWith('OperatorPolicy'))![1];
    const accept = policy.Properties.PolicyDocument.Statement.filter((s: any) => asArray<string>(s.Action).includes('ram:AcceptResourceShareInvitation'));
    expect(accept).toHaveLength(1);
    expect(JSON.stringify(accept[0].Resource)).toMatch(/":ram:\*:",\{"Ref":"OperatorAccountId"\},":resource-share-invitation\/\*"/);
  });

  test('ARNs take the partition from the deployment (aws, aws-cn, aws-us-gov), never a literal', () => {
    expect(JSON.stringify(t.toJSON())).not.toMatch(/arn:aws[a-z-]*:/);
  });
});
