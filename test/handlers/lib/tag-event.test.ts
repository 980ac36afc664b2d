import { parseTagEvent } from '../../../handlers/lib/tag-event';
import { tagEvent } from '../../helpers/factories';

describe('parseTagEvent', () => {
  it('turns a VPC opt-in into a request with a deterministic name', () => {
    const parsed = parseTagEvent(tagEvent());
    expect(parsed).toEqual({
      ok: true,
      request: { vpcId: 'vpc-0123456789abcdef0', account: '123456789012', region: 'us-east-1', trigger: 'tag-event' },
      name: expect.stringMatching(/^vpc-0123456789abcdef0-[0-9a-f]{10}-t3$/),
    });
    expect(parseTagEvent(tagEvent())).toEqual(parsed);
  });

  it('gives two different changes two names', () => {
    const a = parseTagEvent(tagEvent({ version: 3 }));
    const b = parseTagEvent(tagEvent({ version: 4, tags: {} }));
    expect(a.ok && b.ok && a.name !== b.name).toBe(true);
  });

  it.each([
    ['not an object', 'hello', /not a VPC tag-change event/],
    ['wrong source', { ...tagEvent(), source: 'aws.ec2' }, /source/],
    ['a subnet', { ...tagEvent(), detail: { ...tagEvent().detail, 'resource-type': 'subnet' } }, /resource-type/],
    ['hostile resource', tagEvent({ resource: 'arn:aws:ec2:us-east-1:123456789012:vpc/vpc-1"; rm -rf /' }), /not a VPC ARN/],
    ['tags not strings', { ...tagEvent(), detail: { ...tagEvent().detail, tags: { egress: 5 } } }, /detail\.tags\.egress/],
    ['only operator keys changed', tagEvent({ changed: ['egress-proxy:state'] }), /no owner key changed/],
  ])('drops %s with a reason', (_name, event, reason) => {
    const parsed = parseTagEvent(event);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });
});
