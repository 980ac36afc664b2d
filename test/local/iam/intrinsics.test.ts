/** CloudFormation intrinsics resolved for the local account and Region (local/iam/intrinsics.ts). */
import { resolveValue, UnresolvableIntrinsicError, type ResolveContext } from '../../../local/iam/intrinsics';

const ctx: ResolveContext = {
  partition: 'aws', accountId: '210987654321', region: 'eu-west-1', stackName: 'EgressMember',
  template: {
    Parameters: { OperatorAccountId: {}, ExternalId: { Default: 'from-default' } },
    Resources: { Role: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'r' } } },
  },
  parameters: { OperatorAccountId: '123456789012' },
  importValue: (name) => (name === 'Hub:Arn' ? 'arn:aws:vpc-lattice:eu-west-1:123456789012:resourceconfiguration/rcfg-1' : ''),
  physical: (id, type, attr) => `${id}/${type}/${attr}`,
};

it('resolves Join, pseudo parameters, parameters (given or default), GetAtt, ImportValue, Sub, Select/Split', () => {
  expect(resolveValue({
    Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'OperatorAccountId' }, ':root']] } },
    Condition: { StringEquals: { 'sts:ExternalId': { Ref: 'ExternalId' } } },
    Role: { 'Fn::GetAtt': ['Role', 'Arn'] },
    Hub: { 'Fn::ImportValue': 'Hub:Arn' },
    Sub: { 'Fn::Sub': 'arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:vpc/*' },
    Pick: { 'Fn::Select': [1, { 'Fn::Split': ['/', 'a/b/c'] }] },
  }, ctx)).toEqual({
    Principal: { AWS: 'arn:aws:iam::123456789012:root' },
    Condition: { StringEquals: { 'sts:ExternalId': 'from-default' } },
    Role: 'Role/AWS::IAM::Role/Arn',
    Hub: 'arn:aws:vpc-lattice:eu-west-1:123456789012:resourceconfiguration/rcfg-1',
    Sub: 'arn:aws:ec2:eu-west-1:210987654321:vpc/*',
    Pick: 'b',
  });
});

it('names what it cannot resolve instead of producing a policy that silently matches nothing', () => {
  expect(() => resolveValue({ Ref: 'Missing' }, ctx)).toThrow(UnresolvableIntrinsicError);
  expect(() => resolveValue({ 'Fn::If': ['c', 'a', 'b'] }, ctx)).toThrow(/Fn::If in stack EgressMember/);
  expect(() => resolveValue({ Ref: 'OperatorAccountId' }, { ...ctx, parameters: {} })).toThrow(/parameter OperatorAccountId/);
});
