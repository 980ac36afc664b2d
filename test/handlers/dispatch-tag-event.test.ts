/** The tag rule's target: malformed events are dropped with a log line; good ones start one execution. */
process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
import { tagEvent } from '../helpers/factories';
import { startLocalCloud, type LocalCloud } from '../../local/cloud';

let cloud: LocalCloud;
let logged: string[] = [];
let handler: (e: unknown) => Promise<{ started?: string; duplicate?: string; dropped?: string }>;

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
