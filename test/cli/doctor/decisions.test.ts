/** doctor's pure decisions: observations in, one check out, with the fix a person needs. */
import { exitCodeOf, failed, observed, summaryOf } from '../../../cli/lib/doctor/check';
import { accountAzCheck, assumeCheck, dryRunCheck, forwardingRuleCheck, shareCheck } from '../../../cli/lib/doctor/member-checks';
import { credentialsCheck, isTagChangeRule, stackCheck, sweepCheck, tagRuleChecks } from '../../../cli/lib/doctor/operator-checks';
import { resolveTargets } from '../../../cli/lib/doctor/targets';
import { dnsCheck, vpcAzCheck } from '../../../cli/lib/doctor/vpc-checks';

const TAG_PATTERN = JSON.stringify({ source: ['aws.tag'], 'detail-type': ['Tag Change on Resource'], detail: { 'resource-type': ['vpc'] } });
const rule = (name: string, state = 'ENABLED', targets: string[] = []) => ({ name, state, eventPattern: TAG_PATTERN, targets });
const BUS = 'arn:aws:events:us-east-1:111111111111:event-bus/egress-operator';

describe('operator checks', () => {
  test('credentials: the SDK\'s missing region and rejected keys each get their fix', () => {
    expect(credentialsCheck(observed({ account: '1', arn: 'a' }), failed('Error', 'Region is missing'))).toMatchObject({ status: 'fail', fix: expect.stringContaining('--region') });
    expect(credentialsCheck(failed('InvalidClientTokenId', 'bad'), observed('us-east-1'))).toMatchObject({ status: 'fail', fix: expect.stringContaining('aws sso login') });
    expect(credentialsCheck(observed({ account: '111111111111', arn: 'arn:aws:iam::111111111111:root' }), observed('eu-west-1')))
      .toEqual({ name: 'credentials and region', status: 'ok', detail: expect.stringContaining('eu-west-1'), fix: null });
  });
  test('stack: missing, failed, in progress, and a cloud without CloudFormation (skip)', () => {
    expect(stackCheck('operator', 'EgressOperator', observed(undefined))).toMatchObject({ status: 'fail', fix: expect.stringContaining('npx cdk deploy EgressOperator') });
    expect(stackCheck('hub', 'EgressHub', observed({ name: 'EgressHub', status: 'ROLLBACK_COMPLETE', outputs: {} }))).toMatchObject({ status: 'fail', fix: expect.stringContaining('describe-stack-events') });
    expect(stackCheck('hub', 'EgressHub', observed({ name: 'EgressHub', status: 'UPDATE_IN_PROGRESS', outputs: {} }))).toMatchObject({ status: 'fail', fix: expect.stringContaining('wait') });
    expect(stackCheck('operator', 'EgressOperator', failed('Unavailable', 'no CloudFormation'))).toMatchObject({ status: 'skip' });
  });
  test('tag rules: a disabled rule fails with enable-rule for its bus; none at all fails', () => {
    const [c] = tagRuleChecks('egress-operator', 'us-east-1', observed([rule('r1', 'DISABLED')]), false);
    expect(c).toMatchObject({ status: 'fail', fix: 'aws events enable-rule --name r1 --event-bus-name egress-operator --region us-east-1' });
    expect(tagRuleChecks('default', 'us-east-1', observed([{ name: 'other', state: 'ENABLED', targets: [] }]), false)[0]).toMatchObject({ status: 'fail', detail: expect.stringContaining('no rule') });
    expect(isTagChangeRule({ name: 'x', state: 'ENABLED', eventPattern: '{not json', targets: [] })).toBe(false);
  });
  test('sweep: the schedule rule that targets reconcile-fleet must be enabled; locally a timer stands in', () => {
    const fleet = 'arn:aws:states:us-east-1:1:stateMachine:egress-operator-reconcile-fleet';
    const sweep = { name: 'sweep', state: 'DISABLED', scheduleExpression: 'rate(15 minutes)', targets: [fleet] };
    expect(sweepCheck('us-east-1', observed([sweep]), fleet, false)).toMatchObject({ status: 'fail', fix: 'aws events enable-rule --name sweep --region us-east-1' });
    expect(sweepCheck('us-east-1', observed([{ ...sweep, state: 'ENABLED' }]), fleet, false).status).toBe('ok');
    expect(sweepCheck('us-east-1', observed([]), fleet, false).status).toBe('fail');
    expect(sweepCheck('us-east-1', observed([]), fleet, true).status).toBe('skip');
  });
});

describe('member checks', () => {
  const ctx = { account: '222222222222', roleArn: 'arn:aws:iam::222222222222:role/egress-operator-member', externalIdFrom: '--external-id', trustedPattern: 'arn:aws:iam::111111111111:role/egress-operator/*' };
  test('AssumeRole denied as a person: the fix names --assume-role, the ExternalId and the member stack', () => {
    const c = assumeCheck({ ...ctx, asArn: 'arn:aws:sts::111111111111:assumed-role/Admin/me' }, failed('AccessDenied', 'not authorized'));
    expect(c.status).toBe('fail');
    expect(c.fix).toContain('--assume-role');
    expect(c.fix).toContain('ExternalId');
    const underPath = assumeCheck({ ...ctx, asArn: 'arn:aws:iam::111111111111:role/egress-operator/doctor' }, failed('AccessDenied', 'no'));
    expect(underPath.fix).not.toContain('--assume-role');
    expect(assumeCheck({ ...ctx, externalIdFrom: undefined, asArn: 'x' }, observed(true))).toMatchObject({ status: 'fail', detail: 'no ExternalId to present' });
  });
  test('forwarding rule: to the operator bus and enabled; a member role that may not read rules is a skip naming --member-profile', () => {
    expect(forwardingRuleCheck('2', 'us-east-1', BUS, observed([rule('fwd', 'ENABLED', [BUS])])).status).toBe('ok');
    expect(forwardingRuleCheck('2', 'us-east-1', BUS, observed([rule('fwd', 'ENABLED', [BUS.replace('us-east-1', 'eu-west-1')])])))
      .toMatchObject({ status: 'fail', detail: expect.stringContaining('eu-west-1') });
    expect(forwardingRuleCheck('2', 'us-east-1', BUS, observed([rule('fwd', 'DISABLED', [BUS])]))).toMatchObject({ status: 'fail', fix: expect.stringContaining('enable-rule --name fwd') });
    expect(forwardingRuleCheck('2', 'us-east-1', BUS, failed('AccessDeniedException', 'no'))).toMatchObject({ status: 'skip', fix: expect.stringContaining('--member-profile 2=PROFILE') });
  });
  test('AZ IDs: no overlap with the gateway fails naming both sides', () => {
    const c = accountAzCheck('2', observed(['use1-az4', 'use1-az5']), ['use1-az1', 'use1-az2']);
    expect(c).toMatchObject({ status: 'fail', detail: expect.stringMatching(/use1-az4.*use1-az1/) });
    expect(accountAzCheck('2', observed(['use1-az1', 'use1-az5']), ['use1-az1']).status).toBe('ok');
  });
  test('share: a pending invitation is ShareNotAccepted with the accept command and the organization alternative', () => {
    const shares = observed([{ shareArn: 's', shareName: 'egress-operator-squid', principal: '2', status: 'ASSOCIATING' }]);
    const c = shareCheck('2', 'us-east-1', shares, observed([{ arn: 'inv-1', shareArn: 's', status: 'PENDING', sender: '1' }]));
    expect(c.detail).toMatch(/^ShareNotAccepted: invitation inv-1/);
    expect(c.fix).toContain('accept-resource-share-invitation --resource-share-invitation-arn inv-1');
    expect(c.fix).toContain('enable-sharing-with-aws-organization');
    const org = observed([{ shareArn: 's', shareName: 'n', principal: 'arn:aws:organizations::1:organization/o-abcdefghij', status: 'ASSOCIATED' }]);
    expect(shareCheck('2', 'us-east-1', org, observed([])).status).toBe('ok');
    expect(shareCheck('2', 'us-east-1', observed([]), observed([])).status).toBe('fail');
  });
  test('DryRun: DryRunOperation passes, UnauthorizedOperation fails; for the unowned group it is the other way round', () => {
    const allowed = { code: 'DryRunOperation', message: 'Request would have succeeded' };
    const denied = { code: 'UnauthorizedOperation', message: 'not authorized to perform: ec2:CreateTags' };
    expect(dryRunCheck('2', 'ec2:CreateTags', 'vpc-1', 'allowed', allowed, 'r').status).toBe('ok');
    expect(dryRunCheck('2', 'ec2:CreateTags', 'vpc-1', 'allowed', denied, 'r')).toMatchObject({ status: 'fail', fix: expect.stringContaining('redeploy the member stack') });
    expect(dryRunCheck('2', 'ec2:DeleteSecurityGroup', 'sg-1', 'denied', denied, 'r').status).toBe('ok');
    expect(dryRunCheck('2', 'ec2:DeleteSecurityGroup', 'sg-1', 'denied', allowed, 'r')).toMatchObject({ status: 'fail', detail: expect.stringContaining('does not own') });
    expect(dryRunCheck('2', 'ec2:CreateTags', 'vpc-1', 'allowed', { code: 'InvalidParameter', message: 'x' }, 'r').status).toBe('fail');
  });
});

describe('VPC checks', () => {
  const vpc = { vpcId: 'vpc-1', account: '2', region: 'us-east-1' };
  test('DNS hostnames off: VpcDnsDisabled with the modify-vpc-attribute command', () => {
    const c = dnsCheck(vpc, observed({ enableDnsSupport: true, enableDnsHostnames: false }));
    expect(c).toMatchObject({ status: 'fail', detail: expect.stringMatching(/^VpcDnsDisabled: enableDnsHostnames off/) });
    expect(c.fix).toBe('aws ec2 modify-vpc-attribute --vpc-id vpc-1 --enable-dns-hostnames --region us-east-1');
    expect(dnsCheck(vpc, observed({ enableDnsSupport: true, enableDnsHostnames: true })).status).toBe('ok');
  });
  test('subnets only in AZ IDs the gateway does not serve', () => {
    expect(vpcAzCheck(vpc, observed([{ subnetId: 's', azId: 'use1-az6' }]), ['use1-az1'])).toMatchObject({ status: 'fail', detail: expect.stringContaining('use1-az6') });
    expect(vpcAzCheck(vpc, observed([{ subnetId: 's', azId: 'use1-az1' }]), undefined).status).toBe('skip');
  });
});

describe('targets and exit code', () => {
  const config = { prefix: 'egress-operator', memberRoleName: 'egress-operator-member', memberAccounts: ['333333333333'], fleetTargets: ['444444444444:eu-west-1'], memberExternalId: 'from-config-0123456789' };
  test('flags first, then the operator\'s variables, then the config; never the operator account itself', () => {
    expect(resolveTargets({ account: ['222222222222', '111111111111'] }, {}, config, 'c', '111111111111')).toMatchObject({ accounts: ['222222222222'], accountsFrom: '--account', externalIdFrom: 'c' });
    expect(resolveTargets({}, { FLEET_TARGETS: '111111111111:us-east-1,555555555555:us-east-1', MEMBER_EXTERNAL_ID: 'env-id-0123456789' }, config, 'c', '111111111111'))
      .toMatchObject({ accounts: ['555555555555'], externalId: 'env-id-0123456789', externalIdFrom: '$MEMBER_EXTERNAL_ID' });
    expect(resolveTargets({}, {}, config, 'c', '111111111111').accounts).toEqual(['333333333333', '444444444444']);
    expect(resolveTargets({}, {}, { ...config, memberAccounts: [], fleetTargets: [], organizationId: 'o-abcdefghij' }, 'c', '1').accountsFrom).toContain('pass --account');
  });
  test('exit 0 only without failures; skips do not fail', () => {
    const okc = { name: 'a', status: 'ok' as const, detail: '', fix: null };
    const skipc = { ...okc, status: 'skip' as const };
    expect(exitCodeOf([okc, skipc])).toBe(0);
    expect(exitCodeOf([okc, { ...okc, status: 'fail' }])).toBe(1);
    expect(summaryOf([okc, skipc])).toBe('2 checks: 1 ok, 0 failed, 1 skipped');
  });
});
