/** The tag rule's target: malformed events are dropped with a log line; good ones start one execution. */
process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
import type { DispatchResult } from '../../handlers/dispatch-tag-event';
import { tagEvent } from '../helpers/factories';
import { startLocalCloud, type LocalCloud } from '../../local/cloud';

let cloud: LocalCloud;
let logged: string[] = [];
let handler: (e: unknown) => Promise<DispatchResult>;

beforeAll(async () => {
  cloud = await startLocalCloud({ endpointPendingMs: 50, timeScale: 0.01, seedProjects: 1 });
  ({ handler } = await import('../../handlers/dispatch-tag-event'));
});
afterAll(async () => { await cloud?.stop(); });
beforeEach(() => {
  logged = [];
  // Powertools writes INFO to stdout and WARN/ERROR to stderr.
  for (const stream of [process.stdout, process.stderr]) {
    jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => { logged.push(String(chunk)); return true; });
  }
});
afterEach(() => jest.restoreAllMocks());

const logLines = () => logged.flatMap((l) => l.split('\n')).filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));

it.each([
  ['an empty object', {}],
  ['a string', 'egress=proxy'],
  ['a subnet tag change', { ...tagEvent(), detail: { ...tagEvent().detail, 'resource-type': 'subnet' } }],
  ['a forged VPC ARN', tagEvent({ resource: 'arn:aws:ec2:us-east-1:123456789012:vpc/../../etc' })],
])('drops %s with a JSON log line giving the reason, starting nothing', async (_name, event) => {
  const before = cloud.stats.snapshot().apiCalls['states:StartExecution'] ?? 0;
  const result = await handler(event);
  expect(result.dropped).toBeTruthy();
  const line = logLines().find((l) => l.message === 'tag event dropped');
  expect(line).toMatchObject({ level: 'WARN', service: 'egress-operator', reason: result.dropped });
  expect(cloud.stats.snapshot().apiCalls['states:StartExecution'] ?? 0).toBe(before);
});

it('starts one execution per change, and reports a duplicate delivery after it closed', async () => {
  const vpc = cloud.projectVpcIds[0];
  const event = tagEvent({ resource: `arn:aws:ec2:us-east-1:123456789012:vpc/${vpc}`, version: 9 });
  const first = await handler(event);
  expect(first.started).toMatch(new RegExp(`:execution:reconcile-vpc:${vpc}-[0-9a-f]{10}-t9$`));
  const line = logLines().find((l) => l.message === 'reconcile started');
  expect(line).toMatchObject({ vpcId: vpc, execution: first.started!.split(':').at(-1) });
  await cloud.awaitIdle();
  expect(await handler(event)).toEqual({ duplicate: first.started!.split(':').at(-1) });
  expect(cloud.stepFunctions.executions.list('reconcile-vpc')).toHaveLength(1);
});

it.each(['ExecutionLimitExceeded', 'ExecutionLimitExceededException'])(
  'StartExecution refused with %s: AwsThrottled (Lambda retries the event), nothing started', async (code) => {
    const vpc = cloud.projectVpcIds[0];
    cloud.faults.add({ operation: 'states:StartExecution', kind: 'error', code, status: 400, message: 'Maximum number of running executions reached', count: 1 });
    const before = cloud.stepFunctions.executions.list('reconcile-vpc').length;
    const err = await handler(tagEvent({ resource: `arn:aws:ec2:us-east-1:123456789012:vpc/${vpc}`, version: 41 })).catch((e) => e);
    expect(err.name).toBe('AwsThrottled');
    expect(err.message).toBe(`StartExecution: ${code}: too many running executions of reconcile-vpc; the event is retried and the sweep reconciles ${vpc} if it is lost`);
    expect(cloud.stepFunctions.executions.list('reconcile-vpc')).toHaveLength(before);
  });

describe('pacing: runs that create or delete an endpoint get slots in their account\'s lane', () => {
  const saved = { rate: process.env.ROLLOUT_PACING_RATE, pacing: process.env.ROLLOUT_PACING };
  const arnOf = (vpc: string, account = '123456789012') => `arn:aws:ec2:us-east-1:${account}:vpc/${vpc}`;
  // VPCs that do not exist: their runs end quickly (nothing to finalize); only the start is under test.
  const ghost = (i: number) => `vpc-${(0xa0000 + i).toString(16).padStart(17, '0')}`;
  let version = 100;
  const dispatch = (vpc: string, tags: Record<string, string>, account?: string) => handler(tagEvent({ resource: arnOf(vpc, account), tags, version: version++ }));
  const inputOf = (arn: string) => JSON.parse(cloud.stepFunctions.executions.list('reconcile-vpc').find((e) => e.arn === arn)!.input);

  afterEach(async () => {
    process.env.ROLLOUT_PACING_RATE = saved.rate;
    if (saved.pacing === undefined) delete process.env.ROLLOUT_PACING; else process.env.ROLLOUT_PACING = saved.pacing;
    await cloud.awaitIdle();
  });

  it('opt-ins of one account: the first at once, then one slot per 1/rate s, carried as notBefore in the execution input', async () => {
    process.env.ROLLOUT_PACING_RATE = '5'; // a new rate starts fresh lanes: 200 ms apart
    const before = Date.now();
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await dispatch(ghost(i), { egress: 'proxy' }));
    expect(results[0].notBefore).toBeUndefined();
    expect(inputOf(results[0].started!).notBefore).toBeUndefined();
    const slots = results.slice(1).map((r) => Date.parse(r.notBefore!));
    expect(slots[0] - before).toBeGreaterThan(0);
    expect(slots[0] - before).toBeLessThanOrEqual(200 + (Date.now() - before));
    expect([slots[1] - slots[0], slots[2] - slots[1]]).toEqual([200, 200]);
    expect(results.slice(1).map((r) => inputOf(r.started!).notBefore)).toEqual(results.slice(1).map((r) => r.notBefore));
    expect(logLines().find((l) => l.message === 'reconcile started' && l.notBefore)).toMatchObject({ notBefore: results[1].notBefore });
  });

  it('a start that fails (refused, or a duplicate delivery) gives its slot back: the next opt-in takes it', async () => {
    process.env.ROLLOUT_PACING_RATE = '2'; // fresh lanes, 500 ms apart
    const before = Date.now();
    const first = await dispatch(ghost(30), { egress: 'proxy' });
    expect(first.notBefore).toBeUndefined();
    cloud.faults.add({ operation: 'states:StartExecution', kind: 'error', code: 'ExecutionLimitExceeded', status: 400, message: 'Maximum number of running executions reached', count: 1 });
    await expect(dispatch(ghost(31), { egress: 'proxy' })).rejects.toMatchObject({ name: 'AwsThrottled' });
    const repeated = tagEvent({ resource: arnOf(ghost(32)), tags: { egress: 'proxy' }, version: version++ });
    const second = await handler(repeated);
    expect(await handler(repeated)).toEqual({ duplicate: second.started!.split(':').at(-1) });
    const third = await dispatch(ghost(33), { egress: 'proxy' });
    // Without the give-backs these would be the third and fifth slots.
    expect(Date.parse(second.notBefore!) - before).toBeLessThanOrEqual(500 + (Date.now() - before));
    expect(Date.parse(third.notBefore!) - Date.parse(second.notBefore!)).toBe(500);
  });

  it('other accounts, deletes, and changes that create nothing are not held up by a busy lane', async () => {
    process.env.ROLLOUT_PACING_RATE = '4';
    await dispatch(ghost(10), { egress: 'proxy' });
    expect((await dispatch(ghost(11), { egress: 'proxy' })).notBefore).toBeDefined();
    expect((await dispatch(ghost(12), { egress: 'proxy' }, '210987654321')).notBefore).toBeUndefined();
    expect((await dispatch(ghost(13), { egress: 'proxy', 'egress-proxy:endpoint': 'vpce-1' })).notBefore).toBeUndefined();
    expect((await dispatch(ghost(14), { egress: 'off', 'egress-proxy:endpoint': 'vpce-2' })).notBefore).toBeUndefined();
    expect((await dispatch(ghost(15), { 'egress-proxy:endpoint': 'vpce-3' })).notBefore).toBeDefined();
  });

  it('ROLLOUT_PACING=off starts every run at once; a bad setting is a clear error', async () => {
    process.env.ROLLOUT_PACING = 'off';
    process.env.ROLLOUT_PACING_RATE = '3';
    const results = [];
    for (let i = 20; i < 23; i++) results.push(await dispatch(ghost(i), { egress: 'proxy' }));
    expect(results.map((r) => r.notBefore)).toEqual([undefined, undefined, undefined]);
    process.env.ROLLOUT_PACING = 'sometimes';
    await expect(dispatch(ghost(23), { egress: 'proxy' })).rejects.toThrow("ROLLOUT_PACING must be 'on' or 'off', got 'sometimes'");
  });
});
