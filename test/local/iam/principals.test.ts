/** Who a request acts as, from its access key ID (docs/local-cloud.md#accounts-and-principals). */
import { Principals } from '../../../local/iam/principals';

describe('Principals', () => {
  it('a 12-digit key acts as that account, any other key as the operator account', () => {
    const p = new Principals('123456789012');
    expect(p.callerOf('210987654321')).toEqual(expect.objectContaining({ accountId: '210987654321', type: 'account', arn: 'arn:aws:iam::210987654321:root' }));
    expect(p.callerOf('local')).toEqual(expect.objectContaining({ accountId: '123456789012', type: 'account' }));
  });

  it('a session key acts as the assumed role (ARN without the role path) until it expires', () => {
    let now = 1_000_000;
    const p = new Principals('123456789012', () => now);
    const creds = p.issueSession('arn:aws:iam::210987654321:role/team/egress-operator-member', 'egress-operator', 900);
    expect(creds.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(creds.expiration.getTime()).toBe(now + 900_000);
    expect(p.callerOf(creds.accessKeyId)).toEqual({
      accountId: '210987654321', accessKeyId: creds.accessKeyId, type: 'assumed-role', sessionName: 'egress-operator',
      roleArn: 'arn:aws:iam::210987654321:role/team/egress-operator-member',
      arn: 'arn:aws:sts::210987654321:assumed-role/egress-operator-member/egress-operator',
    });
    now += 900_000;
    expect(p.callerOf(creds.accessKeyId)).toBeUndefined();
    expect(p.isExpired(creds.accessKeyId)).toBe(true);
  });
});
