/**
 * The HTTP routes of the fault API beyond /_local/faults (docs/local-cloud.md#faults): the proxy,
 * a VPC endpoint's state, and event delivery faults on the operator's tag-change rule.
 */
import net from 'node:net';
import { CreateVpcEndpointCommand, DescribeVpcEndpointsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { startLocalCloud, type LocalCloud } from '../../local/cloud';
import { OWN_ACCOUNT_RULE } from '../../local/accounts-events';
import { executionsOf, settledTags, subnetsOf, tagsOf, tagVpc } from '../helpers/local-cloud';

let cloud: LocalCloud;
beforeAll(async () => { cloud = await startLocalCloud({ iam: 'off', seedProjects: 3, memberAccounts: [], endpointPendingMs: 50, timeScale: 0.01 }); });
afterAll(async () => { await cloud?.stop(); });
afterEach(() => cloud.eventFaults.clear());

const call = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${cloud.url}${path}`, { method, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { message?: string } };
};
const connects = (port: number) => new Promise<boolean>((resolve) => {
  const s = net.connect(port, '127.0.0.1', () => { s.destroy(); resolve(true); });
  s.on('error', () => resolve(false));
});

it('POST /_local/proxy/stop stops the proxy (VerifyProxy then fails: Degraded), /start brings it back on the same port', async () => {
  const stopped = await call('POST', '/_local/proxy/stop');
  expect(stopped.body).toEqual({ proxy: { kind: cloud.proxy.kind, host: '127.0.0.1', port: cloud.proxy.port, running: false } });
  expect(await connects(cloud.proxy.port)).toBe(false);
  const vpc = cloud.projectVpcIds[0];
  try {
    await tagVpc(vpc, { egress: 'proxy' });
    await cloud.awaitIdle();
    expect((await tagsOf(vpc))['egress-proxy:state']).toBe('Degraded');
  } finally {
    const started = await call('POST', '/_local/proxy/start');
    expect(started.body.proxy).toMatchObject({ port: cloud.proxy.port, running: true });
  }
  expect(await connects(cloud.proxy.port)).toBe(true);
  expect((await call('GET', '/_local/proxy')).body.proxy).toMatchObject({ running: true });
});

describe('POST /_local/endpoints/{vpceId}/state', () => {
  let endpointId: string;
  beforeAll(async () => {
    const vpc = cloud.projectVpcIds[1];
    const out = await new EC2Client({}).send(new CreateVpcEndpointCommand({
      VpcId: vpc, VpcEndpointType: 'Resource', ResourceConfigurationArn: cloud.resourceConfigurationArn, SubnetIds: [subnetsOf(cloud, vpc).a],
    }));
    endpointId = out.VpcEndpoint!.VpcEndpointId!;
  });
  const stateOf = async () => (await new EC2Client({}).send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [endpointId] }))).VpcEndpoints?.[0]?.State;

  it('forces a State of the EC2 enum, in any case, as DescribeVpcEndpoints then reports it', async () => {
    const res = await call('POST', `/_local/endpoints/${endpointId}/state`, { state: 'failed', lastError: { code: 'InternalError', message: 'broke' } });
    expect(res).toEqual({ status: 200, body: { vpcEndpointId: endpointId, accountId: cloud.accountId, region: cloud.region, state: 'Failed' } });
    expect(await stateOf()).toBe('Failed');
  });

  it('a forced Pending stays Pending until forced again', async () => {
    await call('POST', `/_local/endpoints/${endpointId}/state`, { state: 'Pending' });
    await new Promise((r) => setTimeout(r, 120)); // longer than endpointPendingMs
    expect(await stateOf()).toBe('Pending');
    await call('POST', `/_local/endpoints/${endpointId}/state`, { state: 'available' });
    expect(await stateOf()).toBe('Available');
  });

  it('refuses a state outside the enum (naming the valid ones), an unknown endpoint, a malformed body', async () => {
    const bad = await call('POST', `/_local/endpoints/${endpointId}/state`, { state: 'broken' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe("state 'broken' is not a VpcEndpoint State; valid values: PendingAcceptance, Pending, Available, Deleting, Deleted, Rejected, Failed, Expired, Partial");
    const unknown = await call('POST', '/_local/endpoints/vpce-0123456789abcdef0/state', { state: 'Failed' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toMatch(/vpce-0123456789abcdef0/);
    expect((await call('POST', `/_local/endpoints/${endpointId}/state`, '{not json')).status).toBe(400);
    expect((await call('POST', `/_local/endpoints/${endpointId}/state`, {})).status).toBe(400);
  });
});

describe('/_local/event-faults', () => {
  it('a dropped tag event starts nothing; the next one, after the fault is used up, reconciles', async () => {
    const vpc = cloud.projectVpcIds[2];
    const created = await call('POST', '/_local/event-faults', { kind: 'drop', rule: OWN_ACCOUNT_RULE, count: 1 });
    expect(created).toEqual({ status: 201, body: { ids: [expect.any(Number)] } });
    await tagVpc(vpc, { egress: 'proxy' });
    await cloud.awaitIdle();
    expect(executionsOf(cloud, vpc)).toHaveLength(0);
    expect((await call('GET', '/_local/event-faults')).body).toEqual({ eventFaults: [], retriesPending: 0 });
    await tagVpc(vpc, { 'egress:deletion-policy': 'delete' });
    await cloud.awaitIdle();
    await settledTags(vpc, (t) => expect(t['egress-proxy:state']).toBe('Ready'));
  });

  it('lists, validates and clears rules', async () => {
    await call('POST', '/_local/event-faults', [{ kind: 'delay', delayMs: 500 }, { kind: 'fail', rule: '*', count: 2 }]);
    expect((await call('GET', '/_local/event-faults')).body.eventFaults).toEqual([
      expect.objectContaining({ kind: 'delay', delayMs: 500, id: expect.any(Number) }),
      expect.objectContaining({ kind: 'fail', remaining: 2 }),
    ]);
    const bad = await call('POST', '/_local/event-faults', { kind: 'duplicate', copies: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/copies/);
    expect((await call('DELETE', '/_local/event-faults')).body).toEqual({ cleared: true });
    expect(cloud.eventFaults.list()).toEqual([]);
  });
});
