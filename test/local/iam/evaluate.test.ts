/**
 * The local IAM evaluator against the documented examples of the IAM User Guide (each test names its page).
 */
import { conditionsHold } from '../../../local/iam/conditions';
import { evaluateIdentityPolicies, evaluateResourcePolicy } from '../../../local/iam/evaluate';
import { arnLike } from '../../../local/iam/match';
import type { PolicyDocument } from '../../../local/iam/policy';
import { UnsupportedPolicyFeatureError } from '../../../local/iam/policy';
import type { Caller } from '../../../local/iam/principals';

const doc = (...Statement: PolicyDocument['Statement'][]): PolicyDocument => ({ Version: '2012-10-17', Statement: Statement.flat() });
const req = (action: string, resource: string, context: Record<string, string | string[]> = {}) => ({ action, resource, context });

describe('evaluation logic — https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html', () => {
  it('denies by default (implicit deny) when no statement allows', () => {
    expect(evaluateIdentityPolicies([], req('ec2:DescribeVpcs', '*')).decision).toBe('ImplicitDeny');
  });

  it('an explicit deny in any policy overrides an allow', () => {
    const allow = doc({ Effect: 'Allow', Action: 'ec2:*', Resource: '*' });
    const deny = doc({ Effect: 'Deny', Action: 'ec2:DeleteSecurityGroup', Resource: '*' });
    expect(evaluateIdentityPolicies([allow, deny], req('ec2:DeleteSecurityGroup', 'arn:aws:ec2:us-east-1:111122223333:security-group/sg-1')).decision)
      .toBe('ExplicitDeny');
    expect(evaluateIdentityPolicies([allow, deny], req('ec2:DescribeVpcs', '*')).decision).toBe('Allow');
  });
});

describe('NotAction — https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html', () => {
  // "Deny access to all services except IAM" with NotAction in a Deny statement.
  const policy = doc(
    { Effect: 'Allow', Action: '*', Resource: '*' },
    { Effect: 'Deny', NotAction: 'iam:*', Resource: '*' },
  );
  it('denies actions not listed and leaves the listed ones allowed', () => {
    expect(evaluateIdentityPolicies([policy], req('s3:ListBucket', 'arn:aws:s3:::b')).decision).toBe('ExplicitDeny');
    expect(evaluateIdentityPolicies([policy], req('iam:ListRoles', '*')).decision).toBe('Allow');
  });
});

describe('Resource wildcards — https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html', () => {
  it('* and ? match within an ARN segment, actions match case-insensitively', () => {
    const policy = doc({ Effect: 'Allow', Action: 'EC2:deletetags', Resource: 'arn:aws:ec2:*:111122223333:vpc-endpoint/vpce-?bc*' });
    expect(evaluateIdentityPolicies([policy], req('ec2:DeleteTags', 'arn:aws:ec2:us-east-1:111122223333:vpc-endpoint/vpce-abc123')).decision).toBe('Allow');
    expect(evaluateIdentityPolicies([policy], req('ec2:DeleteTags', 'arn:aws:ec2:us-east-1:444455556666:vpc-endpoint/vpce-abc123')).decision).toBe('ImplicitDeny');
  });

  it('ArnLike does not let * cross the colon between ARN parts', () => {
    expect(arnLike('arn:aws:iam::*:role/x', 'arn:aws:iam::111122223333:role/x')).toBe(true);
    expect(arnLike('arn:aws:iam::1*3:role/x', 'arn:aws:iam::111122223333:role/x')).toBe(true);
    expect(arnLike('arn:aws:*:role/x', 'arn:aws:iam::111122223333:role/x')).toBe(false);
  });
});

describe('condition operators — https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html', () => {
  it('values of one key are ORed, keys and operators are ANDed', () => {
    const block = { StringEquals: { 'aws:PrincipalTag/dept': ['a', 'b'], 'aws:PrincipalTag/team': 'x' } };
    expect(conditionsHold(block, { 'aws:PrincipalTag/dept': 'b', 'aws:PrincipalTag/team': 'x' })).toBe(true);
    expect(conditionsHold(block, { 'aws:PrincipalTag/dept': 'b', 'aws:PrincipalTag/team': 'y' })).toBe(false);
  });

  it('a missing key makes a positive operator false and a negated one true', () => {
    expect(conditionsHold({ StringEquals: { 'aws:ResourceTag/owner': 'me' } }, {})).toBe(false);
    expect(conditionsHold({ StringNotEquals: { 'aws:ResourceTag/owner': 'me' } }, {})).toBe(true);
    expect(conditionsHold({ StringNotLike: { 'aws:ResourceTag/owner': 'm*' } }, { 'aws:ResourceTag/owner': 'me' })).toBe(false);
  });

  it('…IfExists is true when the key is absent and tests it when present', () => {
    expect(conditionsHold({ StringEqualsIfExists: { 'ec2:InstanceType': 't2.micro' } }, {})).toBe(true);
    expect(conditionsHold({ StringEqualsIfExists: { 'ec2:InstanceType': 't2.micro' } }, { 'ec2:InstanceType': 'm5.large' })).toBe(false);
  });

  it('Null tests whether the key is present ("true" = absent)', () => {
    expect(conditionsHold({ Null: { 'aws:TagKeys': 'false' } }, { 'aws:TagKeys': ['a'] })).toBe(true);
    expect(conditionsHold({ Null: { 'aws:TagKeys': 'false' } }, {})).toBe(false);
    expect(conditionsHold({ Null: { 'aws:TagKeys': 'true' } }, {})).toBe(true);
  });

  it('condition key names are case-insensitive, StringLike values are case-sensitive', () => {
    expect(conditionsHold({ StringLike: { 'AWS:RequestTag/Owner': 'vpc-*' } }, { 'aws:requesttag/owner': 'vpc-1' })).toBe(true);
    expect(conditionsHold({ StringLike: { 'aws:RequestTag/owner': 'vpc-*' } }, { 'aws:RequestTag/owner': 'VPC-1' })).toBe(false);
  });

  it('refuses what it does not implement instead of guessing', () => {
    expect(() => conditionsHold({ DateGreaterThan: { 'aws:CurrentTime': '2020-01-01' } }, {})).toThrow(UnsupportedPolicyFeatureError);
    expect(() => conditionsHold({ StringEquals: { 'aws:ResourceTag/u': '${aws:username}' } }, { 'aws:ResourceTag/u': 'x' })).toThrow(UnsupportedPolicyFeatureError);
  });
});

describe('multivalued keys — https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html', () => {
  // The documented example: ForAllValues:StringLike on aws:TagKeys allows only the listed key patterns.
  const onlyStatusKeys = { 'ForAllValues:StringLike': { 'aws:TagKeys': ['egress-proxy*'] } };
  it('ForAllValues holds when every request value matches a policy value', () => {
    expect(conditionsHold(onlyStatusKeys, { 'aws:TagKeys': ['egress-proxy', 'egress-proxy:state'] })).toBe(true);
    expect(conditionsHold(onlyStatusKeys, { 'aws:TagKeys': ['egress-proxy', 'egress'] })).toBe(false);
  });

  it('ForAllValues also holds when the key is missing — hence the documented Null check beside it', () => {
    expect(conditionsHold(onlyStatusKeys, {})).toBe(true);
    expect(conditionsHold({ ...onlyStatusKeys, Null: { 'aws:TagKeys': 'false' } }, {})).toBe(false);
  });

  it('ForAnyValue holds when at least one request value matches, false when the key is missing', () => {
    const any = { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['egress'] } };
    expect(conditionsHold(any, { 'aws:TagKeys': ['x', 'egress'] })).toBe(true);
    expect(conditionsHold(any, { 'aws:TagKeys': ['x'] })).toBe(false);
    expect(conditionsHold(any, {})).toBe(false);
  });
});

describe('trust policies — https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html', () => {
  const role: Caller = {
    accountId: '111122223333', accessKeyId: 'ASIAX', type: 'assumed-role', sessionName: 's',
    arn: 'arn:aws:sts::111122223333:assumed-role/fn/s', roleArn: 'arn:aws:iam::111122223333:role/egress-operator/fn',
  };
  const trust = doc({
    Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: 'arn:aws:iam::111122223333:root' },
    Condition: { StringEquals: { 'sts:ExternalId': 'xid' }, ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/egress-operator/*' } },
  });
  const assume = (ctx: Record<string, string>) => req('sts:AssumeRole', 'arn:aws:iam::444455556666:role/member', ctx);

  it('an account principal admits the roles of that account that meet the conditions', () => {
    expect(evaluateResourcePolicy(trust, assume({ 'sts:ExternalId': 'xid', 'aws:PrincipalArn': role.roleArn! }), role).decision).toBe('Allow');
  });

  it('refuses a wrong ExternalId, a role outside the path and another account', () => {
    expect(evaluateResourcePolicy(trust, assume({ 'sts:ExternalId': 'nope', 'aws:PrincipalArn': role.roleArn! }), role).decision).toBe('ImplicitDeny');
    expect(evaluateResourcePolicy(trust, assume({ 'sts:ExternalId': 'xid', 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/other' }), role).decision).toBe('ImplicitDeny');
    const stranger = { ...role, accountId: '999999999999' };
    expect(evaluateResourcePolicy(trust, assume({ 'sts:ExternalId': 'xid', 'aws:PrincipalArn': role.roleArn! }), stranger).decision).toBe('ImplicitDeny');
  });

  it('a service principal admits none of our callers', () => {
    const lambdaTrust = doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'lambda.amazonaws.com' } });
    expect(evaluateResourcePolicy(lambdaTrust, assume({}), role).decision).toBe('ImplicitDeny');
  });
});
