/** Which reconciles are paced, in which lane; the sweep's slots; the settings read from the environment. */
import { laneActionForTags, laneKey, pacingFromEnv, sweepLaneAction, sweepSlots } from '../../../../handlers/lib/pacing';
import { PacingLanes } from '../../../../handlers/lib/pacing/lanes';

describe('laneActionForTags: the VPC\'s tags after the change', () => {
  it.each([
    ['opted in, no endpoint yet: creates one', { egress: 'proxy' }, 'create'],
    ['opted in in any case, no endpoint yet', { egress: ' Proxy ' }, 'create'],
    ['opted in with an endpoint in its status: a spec change, not paced', { egress: 'proxy', 'egress-proxy:endpoint': 'vpce-1' }, undefined],
    ['opted out with an endpoint: deletes it', { egress: 'off', 'egress-proxy:endpoint': 'vpce-1' }, 'delete'],
    ['tag removed with an endpoint: deletes it', { 'egress-proxy:endpoint': 'vpce-1' }, 'delete'],
    ['opted out, nothing to delete', { egress: 'off' }, undefined],
  ])('%s', (_name, tags, action) => {
    expect(laneActionForTags(tags)).toBe(action);
  });
});

test('lanes are per account, Region and action', () => {
  const keys = new Set([
    laneKey({ account: '111122223333', region: 'us-east-1' }, 'create'),
    laneKey({ account: '111122223333', region: 'us-east-1' }, 'delete'),
    laneKey({ account: '111122223333', region: 'eu-west-1' }, 'create'),
    laneKey({ account: '444455556666', region: 'us-east-1' }, 'create'),
  ]);
  expect(keys.size).toBe(4);
});

test('the sweep paces drift that creates an endpoint even when the status still names one', () => {
  const withEndpoint = { egress: 'proxy', 'egress-proxy:endpoint': 'vpce-1', 'egress-proxy:state': 'Ready' };
  expect(sweepLaneAction([{ kind: 'EndpointMissing', detail: 'vpce-1 gone' }], withEndpoint)).toBe('create');
  expect(sweepLaneAction([{ kind: 'EndpointFailed', detail: 'failed' }], withEndpoint)).toBe('create');
  expect(sweepLaneAction([{ kind: 'NeverReconciled', detail: '' }], { egress: 'proxy' })).toBe('create');
  expect(sweepLaneAction([{ kind: 'StatusTampered', detail: '' }], withEndpoint)).toBeUndefined();
  expect(sweepLaneAction([{ kind: 'OptedOut', detail: '' }], { egress: 'off', 'egress-proxy:endpoint': 'vpce-1' })).toBe('delete');
});

test('sweepSlots: each account\'s creates get the burst at once, then one per 1/rate s; unpaced items and other accounts are not held up', () => {
  const now = Date.parse('2026-11-30T00:00:00Z');
  const a = { account: '111122223333', region: 'us-east-1' };
  const b = { account: '444455556666', region: 'us-east-1' };
  const slots = sweepSlots([
    { ...a, action: 'create' }, { ...a, action: 'create' }, { ...a }, { ...a, action: 'create' }, { ...b, action: 'create' },
    { ...a, action: 'create' }, { ...a, action: 'delete' }, { ...b, action: 'create' },
  ], now, { ratePerSecond: 0.25, burst: 2 });
  expect(slots).toEqual([undefined, undefined, undefined, '2026-11-30T00:00:04.000Z', undefined,
    '2026-11-30T00:00:08.000Z', undefined, undefined]);
});

test('PacingLanes.giveBack: a slot whose request never went is taken again by the next request, unless a later one was taken', () => {
  const lanes = new PacingLanes({ ratePerSecond: 1, burst: 1 });
  expect([lanes.take('a', 0), lanes.take('a', 0)]).toEqual([0, 1000]);
  expect(lanes.giveBack('a')).toBe(true);
  expect(lanes.take('a', 0)).toBe(1000);
  // A lane never used before is idle again once its only slot is given back.
  expect(lanes.take('b', 0)).toBe(0);
  expect(lanes.giveBack('b')).toBe(true);
  expect(lanes.take('b', 500)).toBe(500);
  // Only the latest take, once: an earlier slot, or one of another lane, stays spent.
  expect(lanes.take('a', 0)).toBe(2000);
  lanes.take('b', 500);
  expect(lanes.giveBack('a')).toBe(false);
  expect(lanes.giveBack('b')).toBe(true);
  expect(lanes.giveBack('b')).toBe(false);
  expect([lanes.take('a', 0), lanes.take('b', 500)]).toEqual([3000, 1500]);
});

describe('pacingFromEnv', () => {
  it('defaults to the documented bucket less a margin', () => {
    expect(pacingFromEnv({})).toEqual({ enabled: true, limits: { ratePerSecond: 0.27, burst: 1 } });
  });
  it('ROLLOUT_PACING=off turns it off; the rate and burst can be overridden', () => {
    expect(pacingFromEnv({ ROLLOUT_PACING: 'OFF' })).toEqual({ enabled: false });
    expect(pacingFromEnv({ ROLLOUT_PACING: 'on', ROLLOUT_PACING_RATE: '0.9', ROLLOUT_PACING_BURST: '8' })).toEqual({ enabled: true, limits: { ratePerSecond: 0.9, burst: 8 } });
  });
  it.each([
    [{ ROLLOUT_PACING: 'maybe' }, "ROLLOUT_PACING must be 'on' or 'off', got 'maybe'"],
    [{ ROLLOUT_PACING_RATE: 'fast' }, "ROLLOUT_PACING_RATE must be a number, got 'fast'"],
    [{ ROLLOUT_PACING_RATE: '0' }, 'ROLLOUT_PACING_RATE/ROLLOUT_PACING_BURST: pacing rate must be a number > 0 per second, got 0'],
    [{ ROLLOUT_PACING_BURST: '2.5' }, 'ROLLOUT_PACING_RATE/ROLLOUT_PACING_BURST: pacing burst must be an integer >= 1, got 2.5'],
  ])('names the bad setting: %j', (env, message) => {
    expect(() => pacingFromEnv(env)).toThrow(message);
  });
});
