import { acceptFailedProblem, planShareAcceptance, type ShareInvitation } from '../../../../handlers/lib/plan/spec-share';

const SHARE = 'arn:aws:ram:us-east-1:123456789012:resource-share/ours';
const OTHER = 'arn:aws:ram:us-east-1:123456789012:resource-share/someone-elses';
const inv = (arn: string, shareArn: string, status: string): ShareInvitation => ({ arn, shareArn, status });

describe('planShareAcceptance', () => {
  it.each<[string, ShareInvitation[], ReturnType<typeof planShareAcceptance>]>([
    ['no invitation (organization sharing)', [], { kind: 'ok' }],
    ['already accepted', [inv('i-1', SHARE, 'ACCEPTED')], { kind: 'ok' }],
    ['pending for our share', [inv('i-2', SHARE, 'PENDING'), inv('i-1', SHARE, 'PENDING')], { kind: 'accept', invitationArns: ['i-1', 'i-2'] }],
    ['pending only for another share of the hub account', [inv('i-3', OTHER, 'PENDING')], { kind: 'ok' }],
    ['an old rejected one beside an accepted one', [inv('i-1', SHARE, 'REJECTED'), inv('i-2', SHARE, 'ACCEPTED')], { kind: 'ok' }],
  ])('%s', (_name, invitations, expected) => {
    expect(planShareAcceptance('210987654321', [SHARE], invitations)).toEqual(expected);
  });
  it.each(['REJECTED', 'EXPIRED'])('an invitation %s with none accepted is refused, with the fix', (status) => {
    const plan = planShareAcceptance('210987654321', [SHARE], [inv('i-1', SHARE, status)]);
    expect(plan).toEqual({ kind: 'refused', problem: expect.stringMatching(new RegExp(`invitation i-1 is ${status}: .*accept it in 210987654321 or run aws ram enable-sharing-with-aws-organization`)) });
  });
});

it('acceptFailedProblem fits a tag value with a full invitation ARN', () => {
  const arn = 'arn:aws:ram:us-east-1:123456789012:resource-share-invitation/5a44cd18-db19-4328-bbc6-e27805633d3b';
  const reason = `ShareNotAccepted: ${acceptFailedProblem('210987654321', arn, 'AccessDeniedException')}`;
  expect(reason.length).toBeLessThanOrEqual(256);
  expect(reason).toContain(arn);
});
