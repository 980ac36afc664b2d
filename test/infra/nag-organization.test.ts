/**
 * The README's organization deploy path (`-c organizationId=… -c shareWithOrganizationArn=…`): the
 * operator may assume the member role in any account, so the statement is limited to the organization
 * (aws:ResourceOrgID) and cdk-nag passes with that one wildcard suppressed, with its reason.
 */
import { Stack } from 'aws-cdk-lib';
import { allStatements, buildStacks, findings, template } from './helpers';

const ORG = 'o-abc123defg';
let operator: Stack;
let hub: Stack;
beforeAll(() => {
  const built = buildStacks({ organizationId: ORG, shareWithOrganizationArn: `arn:aws:organizations::123456789012:organization/${ORG}` }, true);
  ({ operator, hub } = built);
  built.app.synth();
});

test.each(['operator', 'hub'])('the %s stack has no unsuppressed cdk-nag findings', (which) => {
  expect(findings(which === 'operator' ? operator : hub)).toEqual([]);
});

test('every AssumeRole on iam::*:role/… is conditioned on the organization', () => {
  const assume = allStatements(template(operator)).filter((s) => s.Sid === 'AssumeMemberRole');
  expect(assume.length).toBeGreaterThan(0);
  for (const s of assume) {
    expect(JSON.stringify(s.Resource)).toContain(':iam::*:role/egress-operator-member');
    expect(s.Condition).toEqual({ StringEquals: { 'aws:ResourceOrgID': ORG } });
  }
});

test('the wildcard suppression names exactly that role and says why', () => {
  const rules = operator.templateOptions.metadata?.cdk_nag?.rules_to_suppress ?? [];
  const org = rules.find((r: { applies_to?: unknown[] }) => JSON.stringify(r.applies_to ?? []).includes(':iam::*:role/'));
  expect(org.applies_to).toEqual(['Resource::arn:<AWS::Partition>:iam::*:role/egress-operator-member']);
  expect(org.reason).toMatch(/aws:ResourceOrgID/);
});

test('with listed member accounts there is no organization condition', () => {
  const listed = allStatements(template(buildStacks({ memberAccounts: ['111111111111'] }).operator)).filter((s) => s.Sid === 'AssumeMemberRole');
  expect(listed.length).toBeGreaterThan(0);
  for (const s of listed) expect(s.Condition).toBeUndefined();
});
