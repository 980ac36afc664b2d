/**
 * cdk-nag AwsSolutions over every stack: zero unsuppressed findings (errors or warnings), and
 * every suppression carries a reason. Synthesized once with cross-account options on, so the
 * bus policy, RAM share and member role paths are all checked.
 */
import { Stack } from 'aws-cdk-lib';
import { buildStacks, findings, TEST_EXTERNAL_ID } from './helpers';

let stacks: Stack[];
beforeAll(() => {
  const built = buildStacks({
    memberAccounts: ['111111111111'], memberExternalId: TEST_EXTERNAL_ID, shareWithAccounts: ['111111111111'], alarmEmail: 'ops@example.com',
  }, true);
  stacks = [built.hub, built.operator, built.member];
  built.app.synth();
});

test.each(['EgressHub', 'EgressOperator', 'EgressMember'])('%s has no unsuppressed cdk-nag findings or warnings', (name) => {
  const stack = stacks.find((s) => s.stackName === name)!;
  expect(findings(stack)).toEqual([]);
});

test('every suppression has a reason of substance', () => {
  for (const stack of stacks) {
    const suppressions = stack.templateOptions.metadata?.cdk_nag?.rules_to_suppress ?? [];
    expect(suppressions.length).toBeGreaterThan(0);
    for (const s of suppressions) expect(s.reason.length).toBeGreaterThan(60);
  }
});
