/**
 * Event delivery faults and EventBridge's retry of failed targets
 * (docs/local-cloud.md#event-delivery-faults, https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-retry-policy.html).
 */
import { LocalClock, useClock } from '../../../local/clock';
import { createEventBus, type EventBus } from '../../../local/events/bus';
import { DEFAULT_RETRY_POLICY, MAX_RETRY_BACKOFF_MS, retriesPending, retryDelayMs } from '../../../local/events/delivery';
import { createDeliveryFaults, useDeliveryFaults, type DeliveryFaults } from '../../../local/events/delivery-faults';
import type { CloudEvent } from '../../../local/service';

let clock: LocalClock;
let faults: DeliveryFaults;
let bus: EventBus;
let received: CloudEvent[];

beforeEach(() => {
  clock = new LocalClock();
  useClock(clock);
  faults = createDeliveryFaults();
  useDeliveryFaults(faults);
  bus = createEventBus({ accountId: '123456789012', region: 'us-east-1' });
  received = [];
  bus.addRule({ name: 'tags', pattern: { source: ['aws.tag'] }, target: (e) => { received.push(e); } });
  bus.addRule({ name: 'other', pattern: { source: ['aws.tag'] }, target: () => undefined });
});
afterEach(() => { clock.dispose(); useClock(undefined); useDeliveryFaults(undefined); });

const tagEvent = (vpc = 'vpc-0123456789abcdef0'): CloudEvent => ({
  source: 'aws.tag', 'detail-type': 'Tag Change on Resource', resources: [`arn:aws:ec2:us-east-1:123456789012:vpc/${vpc}`], detail: {},
});

it('drop: the rule\'s target never gets the event; other rules do', async () => {
  faults.add({ kind: 'drop', rule: 'tags', count: 1 });
  const event = bus.publish(tagEvent());
  await bus.idle();
  expect(received).toEqual([]);
  expect(bus.deliveries).toEqual(expect.arrayContaining([
    { rule: 'tags', eventId: event.id, ok: false, attempt: 0, error: 'Dropped (injected delivery fault)' },
    { rule: 'other', eventId: event.id, ok: true, attempt: 1 },
  ]));
  bus.publish(tagEvent());
  await bus.idle();
  expect(received).toHaveLength(1); // count 1 used up
});

it('duplicate: the target receives the same event (same id) several times', async () => {
  faults.add({ kind: 'duplicate', rule: 'tags', copies: 3, count: 1 });
  const event = bus.publish(tagEvent());
  await bus.idle();
  expect(received.map((e) => e.id)).toEqual([event.id, event.id, event.id]);
});

it('resourceId and detailType scope a rule to the events they name', async () => {
  faults.add({ kind: 'drop', resourceId: 'vpc-0aaaaaaaaaaaaaaaa', detailType: 'Tag Change on Resource' });
  bus.publish(tagEvent('vpc-0aaaaaaaaaaaaaaaa'));
  bus.publish(tagEvent('vpc-0bbbbbbbbbbbbbbbb'));
  await bus.idle();
  expect(received.map((e) => e.resources)).toEqual([['arn:aws:ec2:us-east-1:123456789012:vpc/vpc-0bbbbbbbbbbbbbbbb']]);
});

it('delay: delivery waits on the local clock; idle() waits for it; advancing the clock delivers at once', async () => {
  faults.add({ kind: 'delay', rule: 'tags', delayMs: 60_000 });
  bus.publish(tagEvent());
  await new Promise((r) => setTimeout(r, 20));
  expect(received).toEqual([]);
  const idle = bus.idle();
  clock.advance(60_000);
  await idle;
  expect(received).toHaveLength(1);
});

it('fail: the invocation fails and is retried with backoff on the local clock until it succeeds', async () => {
  faults.add({ kind: 'fail', rule: 'tags', count: 2 });
  const event = bus.publish(tagEvent());
  await bus.idle();
  expect(received).toEqual([]);
  expect(retriesPending()).toBe(1);
  for (let i = 0; i < 2; i++) {
    clock.advance(MAX_RETRY_BACKOFF_MS); // longer than any backoff: the retry fires now
    await new Promise((r) => setTimeout(r, 5));
    await bus.idle();
  }
  expect(received.map((e) => e.id)).toEqual([event.id]);
  expect(bus.deliveries.filter((d) => d.rule === 'tags').map((d) => [d.attempt, d.ok])).toEqual([[1, false], [2, false], [3, true]]);
  expect(retriesPending()).toBe(0);
});

it('fail forever: dropped when the retry policy is exhausted (185 retries or 24 hours)', async () => {
  faults.add({ kind: 'fail', rule: 'tags' });
  bus.publish(tagEvent());
  await bus.idle();
  for (let hour = 0; hour < 25 && retriesPending() > 0; hour++) {
    for (let i = 0; i < 8 && retriesPending() > 0; i++) {
      clock.advance(MAX_RETRY_BACKOFF_MS);
      await new Promise((r) => setTimeout(r, 2));
      await bus.idle();
    }
  }
  const last = bus.deliveries.filter((d) => d.rule === 'tags').at(-1)!;
  expect(last.error).toMatch(/^Dropped after \d+ attempts: retry policy exhausted/);
  expect(retriesPending()).toBe(0);
  expect(received).toEqual([]);
});

it('the backoff is full jitter over min(2^n s, 8 min), and the policy is AWS\'s default', () => {
  expect(DEFAULT_RETRY_POLICY).toEqual({ maximumRetryAttempts: 185, maximumEventAgeSeconds: 86_400 });
  expect(retryDelayMs(1, () => 0.999)).toBeLessThan(2000);
  expect(retryDelayMs(3, () => 0.5)).toBe(4000);
  expect(retryDelayMs(40, () => 0.999)).toBeLessThan(MAX_RETRY_BACKOFF_MS);
  expect(retryDelayMs(40, () => 0)).toBe(0);
});

it('a target that runs and throws is recorded, not retried (that is the target\'s own retry, not EventBridge\'s)', async () => {
  bus.addRule({ name: 'boom', pattern: { source: ['aws.tag'] }, target: () => { throw new Error('handler crashed'); } });
  bus.publish(tagEvent());
  await bus.idle();
  expect(bus.deliveries.filter((d) => d.rule === 'boom')).toEqual([expect.objectContaining({ ok: false, attempt: 1, error: 'Error: handler crashed' })]);
  expect(retriesPending()).toBe(0);
});

it('event times come from the local clock', () => {
  clock.advance(3 * 3600_000);
  const event = bus.publish(tagEvent());
  expect(Date.parse(event.time!)).toBeGreaterThan(Date.now() + 3 * 3600_000 - 2000);
});
