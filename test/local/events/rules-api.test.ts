/**
 * EventBridge ListRules, DescribeRule, ListTargetsByRule, ListEventBuses, EnableRule, DisableRule
 * through the real SDK (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_DisableRule.html:
 * a disabled rule matches no events).
 */
import {
  DescribeRuleCommand, DisableRuleCommand, EnableRuleCommand, EventBridgeClient, ListEventBusesCommand, ListRulesCommand,
  ListTargetsByRuleCommand, PutEventsCommand,
} from '@aws-sdk/client-eventbridge';
import { createEventsService, type EventsService } from '../../../local/events/service';
import { createFaults } from '../../../local/faults';
import { startLocalServer, type LocalServer } from '../../../local/server';
import type { CloudEvent } from '../../../local/service';
import { createStats } from '../../../local/stats';

const scope = { accountId: '123456789012', region: 'us-east-1' };
let service: EventsService;
let server: LocalServer;
let client: EventBridgeClient;
const delivered: CloudEvent[] = [];
const TARGET = 'arn:aws:lambda:us-east-1:123456789012:function:status-sink';

beforeAll(async () => {
  service = createEventsService(scope);
  service.bus.addRule({ name: 'status', description: 'status events', pattern: { source: ['egress-operator'] }, targetArn: TARGET, target: (e) => { delivered.push(e); } });
  service.bus.addRule({ name: 'other', pattern: { source: ['elsewhere'] }, target: () => undefined });
  server = await startLocalServer({ services: [service], stats: createStats(), faults: createFaults(), log: () => {} });
  client = new EventBridgeClient({ region: scope.region, endpoint: server.url, maxAttempts: 1, credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' } });
});
afterAll(async () => { client.destroy(); await server.close(); });

const errorOf = (p: Promise<unknown>) => p.then(() => { throw new Error('expected failure'); }, (e: Error) => e);

test('ListRules lists rules by name, with prefix and paging', async () => {
  const all = await client.send(new ListRulesCommand({}));
  expect(all.Rules!.map((r) => r.Name)).toEqual(['other', 'status']);
  expect(all.Rules![1]).toEqual({
    Name: 'status', Arn: 'arn:aws:events:us-east-1:123456789012:rule/status', EventPattern: '{"source":["egress-operator"]}',
    State: 'ENABLED', Description: 'status events', EventBusName: 'default',
  });
  expect((await client.send(new ListRulesCommand({ NamePrefix: 'sta' }))).Rules!.map((r) => r.Name)).toEqual(['status']);
  const first = await client.send(new ListRulesCommand({ Limit: 1 }));
  const second = await client.send(new ListRulesCommand({ Limit: 1, NextToken: first.NextToken }));
  expect([first.Rules![0].Name, second.Rules![0].Name, second.NextToken]).toEqual(['other', 'status', undefined]);
});

test('DescribeRule and ListTargetsByRule; unknown rule or bus → ResourceNotFoundException', async () => {
  expect(await client.send(new DescribeRuleCommand({ Name: 'status' }))).toMatchObject({ Name: 'status', State: 'ENABLED', CreatedBy: '123456789012' });
  expect((await client.send(new ListTargetsByRuleCommand({ Rule: 'status' }))).Targets).toEqual([{ Id: 'Target0', Arn: TARGET }]);
  expect((await errorOf(client.send(new DescribeRuleCommand({ Name: 'nope' })))).name).toBe('ResourceNotFoundException');
  expect((await errorOf(client.send(new ListRulesCommand({ EventBusName: 'custom' })))).name).toBe('ResourceNotFoundException');
});

test('ListEventBuses answers the default bus', async () => {
  const out = await client.send(new ListEventBusesCommand({}));
  expect(out.EventBuses).toEqual([expect.objectContaining({ Name: 'default', Arn: 'arn:aws:events:us-east-1:123456789012:event-bus/default' })]);
  expect((await client.send(new ListEventBusesCommand({ NamePrefix: 'x' }))).EventBuses).toEqual([]);
});

test('a disabled rule delivers nothing; enabled again, it delivers', async () => {
  const put = () => client.send(new PutEventsCommand({ Entries: [{ Source: 'egress-operator', DetailType: 't', Detail: '{}' }] }));
  await client.send(new DisableRuleCommand({ Name: 'status' }));
  expect((await client.send(new DescribeRuleCommand({ Name: 'status' }))).State).toBe('DISABLED');
  const before = delivered.length;
  await put();
  await service.bus.idle();
  expect(delivered.length).toBe(before);
  await client.send(new EnableRuleCommand({ Name: 'status' }));
  await put();
  await service.bus.idle();
  expect(delivered.length).toBe(before + 1);
});

test('a missing required member is a ValidationException from the model', async () => {
  const err = await errorOf(client.send(new DescribeRuleCommand({} as never)));
  expect(err.name).toBe('ValidationException');
  expect(err.message).toBe("1 validation error detected: Value null at 'Name' failed to satisfy constraint: Member must not be null");
});
