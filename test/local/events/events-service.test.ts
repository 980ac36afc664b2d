/**
 * PutEvents through the real EventBridge client onto the local bus, rules delivering to targets,
 * and the bus used directly the way the local cloud emits events (ServiceContext.emitEvent).
 */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { STATUS_CHANGE_PATTERN, TAG_CHANGE_PATTERN } from '../../../handlers/lib/event-patterns';
import { createEventBus } from '../../../local/events/bus';
import { createEventsService, type EventsService } from '../../../local/events/service';
import { createFaults } from '../../../local/faults';
import { startLocalServer, type LocalServer } from '../../../local/server';
import type { CloudEvent } from '../../../local/service';
import { createStats } from '../../../local/stats';

const scope = { accountId: '123456789012', region: 'us-east-1' };
let service: EventsService;
let server: LocalServer;
let client: EventBridgeClient;
const received: CloudEvent[] = [];

beforeAll(async () => {
  service = createEventsService(scope);
  service.bus.addRule({ name: 'status', pattern: STATUS_CHANGE_PATTERN, target: async (e) => { received.push(e); } });
  server = await startLocalServer({ services: [service], stats: createStats(), faults: createFaults(), log: () => {} });
  client = new EventBridgeClient({ region: scope.region, endpoint: server.url, maxAttempts: 1, credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' } });
});
afterAll(async () => { client.destroy(); await server.close(); });

const statusEntry = (detail: unknown = { vpc: 'vpc-1', state: 'Ready' }) => ({
  Source: 'egress-operator', DetailType: 'Egress Proxy Status Changed', Detail: JSON.stringify(detail), Resources: ['arn:aws:ec2:us-east-1:123456789012:vpc/vpc-1'],
});

describe('PutEvents', () => {
  it('accepts an entry, answers its EventId, and delivers it to the matching rule target', async () => {
    const out = await client.send(new PutEventsCommand({ Entries: [statusEntry()] }));
    expect(out.FailedEntryCount).toBe(0);
    expect(out.Entries![0].EventId).toMatch(/^[0-9a-f-]{36}$/);
    await service.bus.idle();
    expect(received.at(-1)).toMatchObject({
      version: '0', id: out.Entries![0].EventId, source: 'egress-operator', 'detail-type': 'Egress Proxy Status Changed',
      account: '123456789012', region: 'us-east-1', resources: ['arn:aws:ec2:us-east-1:123456789012:vpc/vpc-1'],
      detail: { vpc: 'vpc-1', state: 'Ready' }, time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    });
  });

  it('refuses bad entries one by one with AWS error codes, keeping the good ones', async () => {
    const out = await client.send(new PutEventsCommand({
      Entries: [
        { ...statusEntry(), Detail: '{not json' },
        statusEntry(),
        { ...statusEntry(), Detail: '[1,2]' },
        { ...statusEntry(), Source: 'aws.tag' },
        { ...statusEntry(), Source: undefined },
        { ...statusEntry(), EventBusName: 'other-bus' },
      ],
    }));
    expect(out.FailedEntryCount).toBe(5);
    expect(out.Entries!.map((e) => e.ErrorCode ?? 'ok')).toEqual([
      'MalformedDetail', 'ok', 'MalformedDetail', 'NotAuthorizedForSourceException', 'InvalidArgument', 'ResourceNotFoundException',
    ]);
    expect(out.Entries![0].ErrorMessage).toBe('Detail is malformed.');
  });

  it('uses the entry Time when given', async () => {
    const out = await client.send(new PutEventsCommand({ Entries: [{ ...statusEntry(), Time: new Date('2025-06-01T10:20:30.456Z') }] }));
    const event = service.bus.events.find((e) => e.id === out.Entries![0].EventId)!;
    expect(event.time).toBe('2025-06-01T10:20:30Z');
  });

  it('more than 10 entries fail the whole request with ValidationException', async () => {
    const entries = Array.from({ length: 11 }, () => statusEntry());
    await expect(client.send(new PutEventsCommand({ Entries: entries }))).rejects.toMatchObject({ name: 'ValidationException' });
  });
});

describe('the bus', () => {
  it('fills id, time, account, region and version on publish, and delivers only to matching rules', async () => {
    const bus = createEventBus(scope);
    const tagTarget: CloudEvent[] = [];
    const statusTarget: CloudEvent[] = [];
    bus.addRule({ name: 'tags', pattern: TAG_CHANGE_PATTERN, target: (e) => { tagTarget.push(e); } });
    bus.addRule({ name: 'status', pattern: STATUS_CHANGE_PATTERN, target: (e) => { statusTarget.push(e); } });
    const published = bus.publish({
      source: 'aws.tag', 'detail-type': 'Tag Change on Resource', resources: ['arn:aws:ec2:us-east-1:123456789012:vpc/vpc-1'],
      detail: { 'changed-tag-keys': ['egress'], service: 'ec2', 'resource-type': 'vpc', version: 1, tags: { egress: 'proxy' } },
    });
    expect(published).toMatchObject({ version: '0', id: expect.any(String), account: '123456789012', region: 'us-east-1', time: expect.any(String) });
    expect(tagTarget).toHaveLength(0); // delivery is asynchronous, after publish returns
    await bus.idle();
    expect(tagTarget.map((e) => e.id)).toEqual([published.id]);
    expect(statusTarget).toHaveLength(0);
    expect(bus.deliveries).toEqual([{ rule: 'tags', eventId: published.id, ok: true, attempt: 1 }]);
  });

  it('records a failing target without throwing at the publisher, and idle() waits for chained deliveries', async () => {
    const bus = createEventBus(scope);
    const seen: string[] = [];
    bus.addRule({ name: 'boom', pattern: { source: ['a'] }, target: async () => { throw new Error('target down'); } });
    bus.addRule({ name: 'chain', pattern: { source: ['a'] }, target: async () => { bus.publish({ source: 'b', 'detail-type': 'x', detail: {} }); } });
    bus.addRule({ name: 'tail', pattern: { source: ['b'] }, target: async (e) => { await new Promise((r) => setTimeout(r, 5)); seen.push(e.source); } });
    bus.publish({ source: 'a', 'detail-type': 'x', detail: {} });
    await bus.idle();
    expect(seen).toEqual(['b']);
    expect(bus.deliveries.find((d) => d.rule === 'boom')).toMatchObject({ ok: false, error: 'Error: target down' });
  });

  it('refuses a rule with a malformed pattern', () => {
    expect(() => createEventBus(scope).addRule({ name: 'bad', pattern: { source: 'aws.tag' }, target: () => {} })).toThrow(/must be a list or an object/);
  });
});
