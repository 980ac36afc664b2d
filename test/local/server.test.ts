import { DescribeVpcsCommand, EC2Client, RunInstancesCommand, CreateTagsCommand } from '@aws-sdk/client-ec2';
// The SDK's own standard strategy with a 1 ms backoff, so the retry test stays fast.
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { GetResourceConfigurationCommand } from '@aws-sdk/client-vpc-lattice';
import { startLocalServer, signingNameOf } from '../../local/server';
import { createStats } from '../../local/stats';
import { createFaults } from '../../local/faults';
import { awsJsonResponse, awsJsonError } from '../../local/protocol/json';
import type { LocalService } from '../../local/service';
import { errorOf, startEc2OnlyCloud, type Ec2OnlyCloud } from './helpers/ec2-only-cloud';

let cloud: Ec2OnlyCloud;
beforeAll(async () => { cloud = await startEc2OnlyCloud(); });
afterAll(() => cloud.close());
beforeEach(() => { cloud.faults.clear(); cloud.stats.reset(); });

const scope = (service: string) => `AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=00`;

describe('routing', () => {
  test('signing name from the credential scope', () => {
    expect(signingNameOf({ authorization: scope('vpc-lattice') }, new URLSearchParams())).toBe('vpc-lattice');
    expect(signingNameOf({}, new URLSearchParams('X-Amz-Credential=AKID%2F20250101%2Fus-east-1%2Fstates%2Faws4_request'))).toBe('states');
    expect(signingNameOf({}, new URLSearchParams())).toBeUndefined();
  });

  test('unknown EC2 action → InvalidAction naming it', async () => {
    const err = await errorOf(cloud.ec2().send(new RunInstancesCommand({ ImageId: 'ami-1', MinCount: 1, MaxCount: 1 })));
    expect(err.name).toBe('InvalidAction');
    expect(err.message).toBe('The action RunInstances is not valid for this web service.');
  });

  test('unknown Lattice route → UnknownOperationException', async () => {
    const res = await fetch(`${cloud.url}/services`, { headers: { authorization: scope('vpc-lattice') } });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(((await res.json()) as { message: string }).message).toContain('GET /services');
  });

  test('unknown service → an error in the caller protocol, never a hang', async () => {
    const res = await fetch(cloud.url, {
      method: 'POST',
      headers: { authorization: scope('sqs'), 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.SendMessage' },
      body: '{}',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ __type: 'UnrecognizedClientException', message: expect.stringContaining('SendMessage') });
  });

  test('a crashing handler answers 500 in its protocol and keeps serving', async () => {
    const stats = createStats();
    const logged: string[] = [];
    const boom: LocalService = {
      name: 'states',
      operationOf: () => 'StartExecution',
      handle: async () => { throw new Error('boom'); },
      error: (status, code, message) => awsJsonError(status, code, message),
    };
    const ok: LocalService = { name: 'events', operationOf: () => 'PutEvents', handle: async () => awsJsonResponse({ ok: 1 }, '1.1'), error: awsJsonError };
    const server = await startLocalServer({ services: [boom, ok], stats, faults: createFaults(), log: (m) => logged.push(m) });
    try {
      const res = await fetch(server.url, { method: 'POST', headers: { authorization: scope('states'), 'x-amz-target': 'AWSStepFunctions.StartExecution' }, body: '{"stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:x"}' });
      expect(res.status).toBe(500);
      expect(await res.json()).toMatchObject({ __type: 'InternalFailure' });
      expect(logged).toEqual(['local cloud: states:StartExecution crashed']);
      const second = await fetch(server.url, { method: 'POST', headers: { authorization: scope('events') }, body: '{"Entries":[]}' });
      expect(await second.json()).toEqual({ ok: 1 });
      expect(stats.snapshot().apiCalls).toEqual({ 'events:PutEvents': 1, 'states:StartExecution': 1 });
    } finally {
      await server.close();
    }
  });
});

describe('faults', () => {
  test('throttle: EC2 RequestLimitExceeded 503 for the next N calls', async () => {
    cloud.faults.add({ operation: 'ec2:DescribeVpcs', kind: 'throttle', count: 2 });
    const ec2 = cloud.ec2();
    for (let i = 0; i < 2; i++) {
      const err = await errorOf(ec2.send(new DescribeVpcsCommand({})));
      expect(err.name).toBe('RequestLimitExceeded');
      expect(err.$metadata!.httpStatusCode).toBe(503);
    }
    await ec2.send(new DescribeVpcsCommand({}));
    expect(cloud.faults.list()).toEqual([]);
  });

  test('the SDK retries throttles and 5xx by itself', async () => {
    cloud.faults.add({ operation: 'ec2:*', kind: 'throttle', count: 1 });
    cloud.faults.add({ operation: 'ec2:DescribeVpcs', kind: 'server-error', count: 1 });
    const ec2 = new EC2Client({
      endpoint: cloud.url, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      retryStrategy: new ConfiguredRetryStrategy(3, () => 1),
    });
    const out = await ec2.send(new DescribeVpcsCommand({}));
    ec2.destroy();
    expect(out.$metadata.attempts).toBe(3);
    expect(cloud.stats.snapshot().apiCalls['ec2:DescribeVpcs']).toBe(3);
  });

  test('server-error and named errors', async () => {
    cloud.faults.add({ operation: 'ec2:DescribeVpcs', kind: 'server-error', count: 1 });
    cloud.faults.add({ operation: 'ec2:CreateTags', kind: 'error', code: 'UnauthorizedOperation', status: 403, message: 'You are not authorized', count: 1 });
    expect((await errorOf(cloud.ec2().send(new DescribeVpcsCommand({}))))).toHaveProperty('name', 'InternalError');
    const denied = await errorOf(cloud.ec2().send(new CreateTagsCommand({ Resources: ['vpc-1'], Tags: [{ Key: 'a', Value: 'b' }] })));
    expect(denied.name).toBe('UnauthorizedOperation');
    expect(denied.message).toBe('You are not authorized');
  });

  test('Lattice throttles are ThrottlingException', async () => {
    cloud.faults.add({ operation: 'vpc-lattice:*', kind: 'throttle', count: 1 });
    const err = await errorOf(cloud.lattice().send(new GetResourceConfigurationCommand({ resourceConfigurationIdentifier: cloud.hub!.resourceConfigurationId })));
    expect(err.name).toBe('ThrottlingException');
  });

  test('rate: a seeded share of calls, the same pattern run to run', async () => {
    const pattern = async () => {
      cloud.faults.clear();
      cloud.faults.add({ operation: '*', kind: 'error', code: 'InvalidVpcID.NotFound', rate: 0.5, seed: 7 });
      const ec2 = cloud.ec2();
      const out: boolean[] = [];
      for (let i = 0; i < 30; i++) out.push(await ec2.send(new DescribeVpcsCommand({})).then(() => true, () => false));
      return out;
    };
    const first = await pattern();
    const failures = first.filter((ok) => !ok).length;
    expect(failures).toBeGreaterThan(5);
    expect(failures).toBeLessThan(25);
    expect(await pattern()).toEqual(first);
  });

  test('slow answers normally after the delay', async () => {
    cloud.faults.add({ operation: 'ec2:DescribeVpcs', kind: 'slow', delayMs: 120, count: 1 });
    const started = Date.now();
    await cloud.ec2().send(new DescribeVpcsCommand({}));
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  test('HTTP admin: POST, GET and DELETE /_local/faults', async () => {
    const post = await fetch(`${cloud.url}/_local/faults`, {
      method: 'POST', body: JSON.stringify([{ operation: 'ec2:DescribeVpcs', kind: 'throttle', count: 1 }, { operation: '*', kind: 'slow', delayMs: 1 }]),
    });
    expect(post.status).toBe(201);
    expect(((await post.json()) as { ids: number[] }).ids).toHaveLength(2);
    expect(((await (await fetch(`${cloud.url}/_local/faults`)).json()) as { faults: unknown[] }).faults).toHaveLength(2);
    expect((await errorOf(cloud.ec2().send(new DescribeVpcsCommand({}))))).toHaveProperty('name', 'RequestLimitExceeded');
    await fetch(`${cloud.url}/_local/faults`, { method: 'DELETE' });
    expect(cloud.faults.list()).toEqual([]);
    const bad = await fetch(`${cloud.url}/_local/faults`, { method: 'POST', body: JSON.stringify({ operation: '*', kind: 'explode' }) });
    expect(bad.status).toBe(400);
  });
});

describe('admin', () => {
  test('GET /_local/stats counts calls per service:Operation, faulted ones included, unknown operations apart', async () => {
    cloud.faults.add({ operation: 'ec2:DescribeVpcs', kind: 'throttle', count: 1 });
    const ec2 = cloud.ec2();
    await errorOf(ec2.send(new DescribeVpcsCommand({})));
    await ec2.send(new DescribeVpcsCommand({}));
    await cloud.lattice().send(new GetResourceConfigurationCommand({ resourceConfigurationIdentifier: cloud.hub!.resourceConfigurationArn }));
    await errorOf(ec2.send(new RunInstancesCommand({ ImageId: 'ami-1', MinCount: 1, MaxCount: 1 })));
    cloud.stats.countExecution('reconcile-vpc');
    cloud.stats.countTransitions('reconcile-vpc', 7);
    const stats = await (await fetch(`${cloud.url}/_local/stats`)).json();
    expect(stats).toEqual({
      apiCalls: { 'ec2:DescribeVpcs': 2, 'vpc-lattice:GetResourceConfiguration': 1 },
      unknownOperations: { 'ec2:RunInstances': 1 },
      throttled: {},
      executions: { 'reconcile-vpc': 1 },
      stateTransitions: { 'reconcile-vpc': 7 },
    });
  });

  test('GET /_local/health', async () => {
    const res = await fetch(`${cloud.url}/_local/health`);
    expect(await res.json()).toEqual({ ok: true });
  });
});
