/**
 * infra/README.md's deploy guide, as written: its egress.config.json (organization members, the RAM
 * share with the organization) loads and passes cdk-nag. The operator may assume the member role in
 * any account, so that statement is limited to the organization (aws:ResourceOrgID) and the one
 * wildcard is suppressed with its reason. The README's cost figures are `egress cost`'s.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { hubCounts, sharedHubCost, withDefaults } from '../../cli/lib/cost-model';
import { configSchema } from '../../infra/config';
import { allStatements, buildStacks, findings, template, TEST_EXTERNAL_ID } from './helpers';

const README = readFileSync(join(__dirname, '../../infra/README.md'), 'utf8');

/** The guide's `cat > egress.config.json <<EOF … EOF`, with its shell variables filled in. */
function guideConfig(): Record<string, unknown> {
  const vars = Object.fromEntries([...README.matchAll(/\b([A-Z_]+)=(\S+)/g)].filter(([, k]) => /^(ORG_ID|MGMT_ACCOUNT)$/.test(k)).map(([, k, v]) => [k, v]));
  const heredoc = /cat > egress\.config\.json <<EOF\n([\s\S]*?)\nEOF/.exec(README)![1];
  const json = heredoc.replace(/\$\(openssl rand -hex 32\)/g, TEST_EXTERNAL_ID).replace(/\$([A-Z_]+)/g, (_, k) => vars[k]);
  return JSON.parse(json);
}

const ORG = 'o-abc123defg';
let operator: Stack;
let hub: Stack;
beforeAll(() => {
  const config = guideConfig();
  expect(config).toMatchObject({ organizationId: ORG, shareWithOrganizationArn: `arn:aws:organizations::123456789012:organization/${ORG}` });
  const built = buildStacks(configSchema.parse(config), true);
  ({ operator, hub } = built);
  built.app.synth();
});

test.each(['operator', 'hub'])('the guide\'s config: the %s stack has no unsuppressed cdk-nag findings', (which) => {
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
  const listed = allStatements(template(buildStacks({ memberAccounts: ['111111111111'], memberExternalId: TEST_EXTERNAL_ID }).operator)).filter((s) => s.Sid === 'AssumeMemberRole');
  expect(listed.length).toBeGreaterThan(0);
  for (const s of listed) expect(s.Condition).toBeUndefined();
});

test('the README\'s hub figures are what `egress cost` computes for the same hub', () => {
  const fixed = (flags: { ha?: boolean; natPerAz?: boolean }) => {
    const input = withDefaults({ vpcs: 1, azs: 1, gbPerMonth: 0, ...flags });
    const lines = sharedHubCost(input).lines.filter((l) => /^(Hub NAT gateways|Squid)/.test(l.item));
    expect(lines).toHaveLength(3);
    return `$${lines.reduce((sum, l) => sum + l.monthlyUsd, 0).toFixed(2)}/month`;
  };
  expect(hubCounts(withDefaults({ vpcs: 1, azs: 1, gbPerMonth: 0 }))).toEqual({ natGateways: 1, squids: 1 });
  expect(README).toContain(`**${fixed({})}** with the defaults`);
  expect(README).toContain(`**${fixed({ ha: true, natPerAz: true })}** with \`--ha --nat-per-az\` (2 AZs)`);
});
