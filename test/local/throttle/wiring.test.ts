/**
 * Request throttling wired into the local cloud, through the real AWS SDK: EC2's per-action token
 * buckets per account and Region answer `RequestLimitExceeded` (HTTP 503)
 * (https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html), Step Functions
 * StartExecution answers `ThrottlingException`, `/_local/stats` counts them in `throttled`.
 */
import type { StatsSnapshot } from '../../../local/stats';
import { DescribeSubnetsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { startLocalCloud, type LocalCloud } from '../../../local/cloud';
import { startLocalServer } from '../../../local/server';
import { createStats } from '../../../local/stats';
import { createFaults } from '../../../local/faults';
import { RequestThrottle } from '../../../local/throttle';
import { createStepFunctionsService } from '../../../local/sfn/service';

type AwsError = Error & { $metadata: { httpStatusCode?: number; attempts?: number } };
const clients: { destroy(): void }[] = [];
afterEach(() => { for (const c of clients.splice(0)) c.destroy(); });

function ec2(cloud: LocalCloud, account: string, region = cloud.region): EC2Client {
  // maxAttempts 1: the SDK does not retry, so the throttle error itself comes back.
  const client = new EC2Client({ endpoint: cloud.url, region, maxAttempts: 1, credentials: { accessKeyId: account, secretAccessKey: 'local' } });
  clients.push(client);
  return client;
}

/** Send `n` calls at once; the errors they got (successes are undefined). */
async function burst(n: number, call: () => Promise<unknown>): Promise<(AwsError | undefined)[]> {
  return Promise.all(Array.from({ length: n }, () => call().then(() => undefined, (e: AwsError) => e)));
}

const statsOf = async (cloud: LocalCloud): Promise<StatsSnapshot> => (await fetch(`${cloud.url}/_local/stats`)).json() as Promise<StatsSnapshot>;

describe('throttling on', () => {
  let cloud: LocalCloud;
  beforeAll(async () => { cloud = await startLocalCloud({ throttling: true, iam: 'off', proxy: 'stand-in', seedProjects: 1 }); });
  afterAll(async () => { await cloud?.stop(); });
  beforeEach(async () => { await fetch(`${cloud.url}/_local/stats`, { method: 'DELETE' }); }); // counts cleared, buckets full

  test('bursting DescribeVpcs past its bucket (100, refilled 20/s) gives RequestLimitExceeded, 503, without SDK retries', async () => {
    const client = ec2(cloud, cloud.accountId);
    const started = Date.now();
    const errors = await burst(300, () => client.send(new DescribeVpcsCommand({})));
    const seconds = (Date.now() - started) / 1000;
    const throttled = errors.filter((e) => e !== undefined);
    const succeeded = errors.length - throttled.length;
    expect(succeeded).toBeGreaterThanOrEqual(100);
    expect(succeeded).toBeLessThanOrEqual(100 + Math.ceil(20 * seconds) + 1);
    expect(throttled.length).toBeGreaterThan(0);
    for (const e of throttled) {
      expect(e!.name).toBe('RequestLimitExceeded');
      expect(e!.$metadata.httpStatusCode).toBe(503);
      expect(e!.$metadata.attempts).toBe(1);
    }
  });

  test('buckets are per account, per Region and per action: draining one leaves the others full', async () => {
    const operator = ec2(cloud, cloud.accountId);
    const drained = await burst(250, () => operator.send(new DescribeVpcsCommand({})));
    expect(drained.some((e) => e?.name === 'RequestLimitExceeded')).toBe(true);
    const [member] = cloud.memberAccountIds;
    // One burst after the other: each stays within its own bucket, and the machine is not asked for 270 sockets at once.
    const elsewhere = [
      await burst(90, () => ec2(cloud, member).send(new DescribeVpcsCommand({}))),
      await burst(90, () => ec2(cloud, cloud.accountId, 'eu-west-1').send(new DescribeVpcsCommand({}))),
      await burst(90, () => operator.send(new DescribeSubnetsCommand({}))),
    ];
    for (const errors of elsewhere) expect(errors.filter(Boolean)).toEqual([]);
  });

  test('/_local/stats counts throttled calls per service:Operation beside apiCalls, and a reset clears them and refills', async () => {
    const client = ec2(cloud, cloud.accountId);
    const errors = await burst(180, () => client.send(new DescribeVpcsCommand({})));
    const throttled = errors.filter(Boolean).length;
    expect(throttled).toBeGreaterThan(0);
    const stats = await statsOf(cloud);
    expect(stats.throttled).toEqual({ 'ec2:DescribeVpcs': throttled });
    expect(stats.apiCalls['ec2:DescribeVpcs']).toBe(180); // a throttled call is still a call made
    await fetch(`${cloud.url}/_local/stats`, { method: 'DELETE' });
    expect((await statsOf(cloud)).throttled).toEqual({});
    expect((await burst(90, () => client.send(new DescribeVpcsCommand({})))).filter(Boolean)).toEqual([]);
  });

  test('switched off at run time, the same burst is never throttled', async () => {
    cloud.throttling.requests.enabled = false;
    try {
      const client = ec2(cloud, cloud.accountId);
      expect((await burst(250, () => client.send(new DescribeVpcsCommand({})))).filter(Boolean)).toEqual([]);
      expect((await statsOf(cloud)).throttled).toEqual({});
    } finally {
      cloud.throttling.requests.enabled = true;
    }
  });
});

describe('throttling off (the default of startLocalCloud)', () => {
  let cloud: LocalCloud;
  beforeAll(async () => { cloud = await startLocalCloud({ iam: 'off', proxy: 'stand-in', seedProjects: 1 }); });
  afterAll(async () => { await cloud?.stop(); });

  test('is off, and a burst far past the bucket is never throttled', async () => {
    expect(cloud.throttling.requests.enabled).toBe(false);
    expect(cloud.throttling.lambda.enabled).toBe(false);
    const client = ec2(cloud, cloud.accountId);
    expect((await burst(300, () => client.send(new DescribeVpcsCommand({})))).filter(Boolean)).toEqual([]);
    expect((await statsOf(cloud)).throttled).toEqual({});
  });
});

// https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html: StartExecution 800 refilled 150/s outside
// us-east-1, us-west-2, eu-west-1. A frozen clock makes the bucket exact.
test('StartExecution past its bucket (800 in eu-central-1) is ThrottlingException, counted as states:StartExecution', async () => {
  const stats = createStats();
  const ctx = { accountId: '123456789012', region: 'eu-central-1', emitEvent: () => undefined, stats };
  const server = await startLocalServer({
    services: [createStepFunctionsService(ctx, { deployed: false })], stats, faults: createFaults(),
    throttle: new RequestThrottle({ now: () => 0 }), log: () => undefined,
  });
  const sfn = new SFNClient({ endpoint: server.url, region: 'eu-central-1', maxAttempts: 1, credentials: { accessKeyId: 'x', secretAccessKey: 'local' } });
  try {
    const start = () => sfn.send(new StartExecutionCommand({ stateMachineArn: 'arn:aws:states:eu-central-1:123456789012:stateMachine:absent' }))
      .then(() => 'started', (e: AwsError) => e.name);
    const answers: string[] = [];
    for (let i = 0; i < 801; i++) answers.push(await start());
    expect(new Set(answers.slice(0, 800))).toEqual(new Set(['StateMachineDoesNotExist'])); // admitted, then handled
    expect(answers[800]).toBe('ThrottlingException');
    expect(stats.snapshot().throttled).toEqual({ 'states:StartExecution': 1 });
  } finally {
    sfn.destroy();
    await server.close();
  }
});
