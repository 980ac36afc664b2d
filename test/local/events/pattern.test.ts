/** EventBridge content filtering, table-driven with named cases. */
import { TAG_CHANGE_PATTERN, STATUS_CHANGE_PATTERN } from '../../../handlers/lib/event-patterns';
import { assertPattern, matchesPattern, type EventPattern } from '../../../local/events/pattern';

/** An `aws.tag` event as EventBridge delivers it for a tag change on a VPC. */
function tagEvent(changed: string[], over: { service?: string; resourceType?: string } = {}) {
  return {
    version: '0', id: 'e-1', 'detail-type': 'Tag Change on Resource', source: 'aws.tag',
    account: '123456789012', time: '2025-01-01T00:00:00Z', region: 'us-east-1',
    resources: ['arn:aws:ec2:us-east-1:123456789012:vpc/vpc-0abc'],
    detail: {
      'changed-tag-keys': changed, service: over.service ?? 'ec2', 'resource-type': over.resourceType ?? 'vpc',
      version: 4, tags: { egress: 'proxy', 'egress-proxy:state': 'Ready' },
    },
  };
}

describe('TAG_CHANGE_PATTERN (the operator trigger)', () => {
  it.each<[string, unknown, boolean]>([
    ['egress changed', tagEvent(['egress']), true],
    ['egress:subnets changed', tagEvent(['egress:subnets']), true],
    ['egress:deletion-policy changed', tagEvent(['egress:deletion-policy']), true],
    ['an owner key among other keys', tagEvent(['Name', 'egress']), true],
    ["only egress-proxy:state (the operator's own write)", tagEvent(['egress-proxy:state']), false],
    ['only operator status keys', tagEvent(['egress-proxy', 'egress-proxy:reason', 'egress-proxy:generation']), false],
    ['an unrelated key', tagEvent(['Name']), false],
    ['a subnet, not a VPC', tagEvent(['egress'], { resourceType: 'subnet' }), false],
    ['another service', tagEvent(['egress'], { service: 'rds' }), false],
    ['a different source', { ...tagEvent(['egress']), source: 'egress-operator' }, false],
  ])('%s → %s', (_case, event, expected) => {
    expect(matchesPattern(TAG_CHANGE_PATTERN, event)).toBe(expected);
  });

  it('STATUS_CHANGE_PATTERN matches the operator status event', () => {
    expect(matchesPattern(STATUS_CHANGE_PATTERN, { source: 'egress-operator', 'detail-type': 'Egress Proxy Status Changed', detail: {} })).toBe(true);
  });
});

describe('operators', () => {
  const event = {
    source: 'aws.ec2', 'detail-type': 'EC2 Instance State-change Notification',
    detail: { state: 'running', 'instance-id': 'i-0123', count: 5, ratio: 0.5, nothing: null, nested: { deep: 'x' }, tags: ['a', 'b'], list: [{ k: 'v1' }, { k: 'v2' }] },
  };
  it.each<[string, EventPattern, boolean]>([
    ['exact string in a list (any-of)', { detail: { state: ['stopped', 'running'] } }, true],
    ['exact string absent', { detail: { state: ['stopped'] } }, false],
    ['numbers compare as numbers', { detail: { count: [5.0] } }, true],
    ['a number does not equal its string', { detail: { count: ['5'] } }, false],
    ['null literal', { detail: { nothing: [null] } }, true],
    ['nested objects', { detail: { nested: { deep: ['x'] } } }, true],
    ['nested field missing', { detail: { nested: { other: ['x'] } } }, false],
    ['event array: any element matches', { detail: { tags: ['b', 'z'] } }, true],
    ['event array: no element matches', { detail: { tags: ['z'] } }, false],
    ['array of objects: any object matches', { detail: { list: { k: ['v2'] } } }, true],
    ['prefix', { detail: { 'instance-id': [{ prefix: 'i-' }] } }, true],
    ['prefix miss', { detail: { 'instance-id': [{ prefix: 'vpc-' }] } }, false],
    ['prefix ignoring case', { source: [{ prefix: { 'equals-ignore-case': 'AWS.' } }] }, true],
    ['suffix', { detail: { 'instance-id': [{ suffix: '0123' }] } }, true],
    ['equals-ignore-case', { detail: { state: [{ 'equals-ignore-case': 'RUNNING' }] } }, true],
    ['wildcard', { 'detail-type': [{ wildcard: 'EC2 * Notification' }] }, true],
    ['anything-but a value', { detail: { state: [{ 'anything-but': 'stopped' }] } }, true],
    ['anything-but the value', { detail: { state: [{ 'anything-but': 'running' }] } }, false],
    ['anything-but a list', { detail: { state: [{ 'anything-but': ['running', 'pending'] }] } }, false],
    ['anything-but a prefix', { detail: { 'instance-id': [{ 'anything-but': { prefix: 'i-' } }] } }, false],
    ['anything-but on a missing field', { detail: { absent: [{ 'anything-but': 'x' }] } }, false],
    ['exists: true on a present field', { detail: { state: [{ exists: true }] } }, true],
    ['exists: true on a missing field', { detail: { absent: [{ exists: true }] } }, false],
    ['exists: false on a missing field', { detail: { absent: [{ exists: false }] } }, true],
    ['exists: false under a missing object', { detail: { ghost: { absent: [{ exists: false }] } } }, true],
    ['exists: false on a present field', { detail: { state: [{ exists: false }] } }, false],
    ['numeric range', { detail: { count: [{ numeric: ['>', 1, '<=', 5] }] } }, true],
    ['numeric out of range', { detail: { ratio: [{ numeric: ['>=', 1] }] } }, false],
    ['$or, second branch', { $or: [{ detail: { state: ['stopped'] } }, { detail: { count: [5] } }] }, true],
    ['$or, no branch', { $or: [{ detail: { state: ['stopped'] } }, { detail: { count: [6] } }] }, false],
    ['every field must match', { source: ['aws.ec2'], detail: { state: ['stopped'] } }, false],
    ['empty pattern matches everything', {}, true],
  ])('%s', (_case, pattern, expected) => {
    expect(matchesPattern(pattern, event)).toBe(expected);
  });
});

describe('assertPattern', () => {
  it.each<[string, unknown]>([
    ['a bare string leaf', { source: 'aws.tag' }],
    ['an unknown operator', { source: [{ regex: '.*' }] }],
    ['a non-object pattern', ['aws.tag']],
    ['$or with one branch', { $or: [{ source: ['a'] }] }],
  ])('refuses %s', (_case, pattern) => {
    expect(() => assertPattern(pattern)).toThrow();
  });

  it('accepts the shared patterns', () => {
    expect(() => assertPattern(TAG_CHANGE_PATTERN)).not.toThrow();
    expect(() => assertPattern(STATUS_CHANGE_PATTERN)).not.toThrow();
  });
});
