/**
 * Convergence after faults, through the real SDK against the local cloud (docs/design.md#errors):
 * transient AWS errors are retried inside the run and, when the run gives up, requeued by the next
 * sweep with backoff (`egress-proxy:retry`); an opt-out never leaks; a replacement never leaves two
 * endpoints behind; a fleet target whose reads fail is skipped and reported while the others are swept.
 * Faults come from the local cloud's fault API (local/faults.ts) with the codes AWS answers:
 * IncorrectState for deleting an endpoint that is still changing state
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html).
 */
import { CreateTagsCommand, DeleteTagsCommand } from '@aws-sdk/client-ec2';
import { ENV } from '../../handlers/catalog';
import { startFleetHarness, type FleetHarness } from '../fleet/harness';
import { clientsFor } from '../local/accounts/helpers';
import { e2eOptions } from '../helpers/e2e-cloud';
import { eventually } from '../helpers/eventually';
import { subnetsOf } from '../helpers/local-cloud';

jest.setTimeout(90_000);

/** The sweep period the operator believes in (seconds): short, so backoffs are seconds here. */
const PERIOD_S = 2;
const INCORRECT_STATE = { operation: 'ec2:DeleteVpcEndpoints', kind: 'error', code: 'IncorrectState', status: 400, message: 'The endpoint is in an incorrect state' } as const;

let h: FleetHarness;
let vpcs: string[];
let savedPeriod: string | undefined;

beforeAll(async () => {
  h = await startFleetHarness(e2eOptions({ timeScale: 0.01, endpointPendingMs: 50, seedProjects: 5 }));
  savedPeriod = process.env[ENV.sweepIntervalSeconds];
  process.env[ENV.sweepIntervalSeconds] = String(PERIOD_S);
  vpcs = h.cloud.projectVpcIds;
  await h.ec2.send(new CreateTagsCommand({ Resources: vpcs.slice(0, 4), Tags: [{ Key: 'egress', Value: 'proxy' }] }));
  await h.cloud.awaitIdle();
  for (const v of vpcs.slice(0, 4)) await settledTags(v, (t) => expect(t['egress-proxy:state']).toBe('Ready'));
});
afterAll(async () => {
  process.env[ENV.sweepIntervalSeconds] = savedPeriod;
  await h?.stop();
});
afterEach(() => h.cloud.faults.clear());

const statusKeys = (tags: Record<string, string>) => Object.keys(tags).filter((k) => k.startsWith('egress-proxy')).sort();
/** EC2 reads lag writes (docs/local-cloud.md#eventual-consistency): read until `check` passes. */
const settledTags = (vpc: string, check: (t: Record<string, string>) => unknown) => eventually(() => h.tags(vpc), check, { what: `tags of ${vpc}` });
/** What the operator owns for the VPC and has not deleted yet (a deleted endpoint stays listed as Deleted for a while). */
const ownedNow = async (vpc: string) => {
  const owned = await h.owned(vpc);
  return { ...owned, endpoints: owned.endpoints.filter((e) => e.state.toLowerCase() !== 'deleted') };
};
const nothingLeft = (vpc: string) => eventually(() => ownedNow(vpc), (o) => expect(o).toEqual({ endpoints: [], groups: [] }), { what: `what the operator owns for ${vpc}` });
const liveEndpoints = async (vpcId: string) => (await h.owned(vpcId)).endpoints.filter((e) => !['deleting', 'deleted'].includes(e.state.toLowerCase()));
const retryOf = (tags: Record<string, string>) => {
  const m = /^attempt=(\d+) next=(\S+)$/.exec(tags['egress-proxy:retry'] ?? '');
  return m ? { attempt: Number(m[1]), next: Date.parse(m[2]) } : undefined;
};

test('opt-out: IncorrectState on DeleteVpcEndpoints is retried inside the run; nothing is left behind', async () => {
  const vpc = vpcs[0];
  h.cloud.faults.add({ ...INCORRECT_STATE, count: 1 });
  await h.ec2.send(new DeleteTagsCommand({ Resources: [vpc], Tags: [{ Key: 'egress' }] }));
  await h.cloud.awaitIdle();
  expect(h.cloud.faults.list()).toEqual([]); // the fault fired
  await nothingLeft(vpc);
  await settledTags(vpc, (t) => expect(statusKeys(t)).toEqual([]));
});

test('opt-out failing past the run\'s retries: transient Error with a retry tag; each sweep backs off; it ends clean', async () => {
  const vpc = vpcs[1];
  h.cloud.faults.add({ ...INCORRECT_STATE, count: 1000 });
  await h.ec2.send(new DeleteTagsCommand({ Resources: [vpc], Tags: [{ Key: 'egress' }] }));
  await h.cloud.awaitIdle();
  const failed = await settledTags(vpc, (t) => expect(t['egress-proxy:state']).toBe('Error'));
  expect(failed['egress-proxy:reason']).toMatch(/^AwsTransient: DeleteVpcEndpoints: IncorrectState/);
  expect(retryOf(failed)?.attempt).toBe(1);

  // The next sweep retries it (not an hour later); AWS still refuses, so attempt 2 waits two periods.
  const before = Date.now();
  const first = await h.sweep();
  const after = Date.now();
  expect(first.scan.work.find((w) => w.vpcId === vpc)?.why).toBe('ErrorRetry');
  const second = retryOf(await settledTags(vpc, (t) => expect(retryOf(t)?.attempt).toBe(2)))!;
  // ISO seconds in the tag: next is 2 periods after the failing run, which ran during the sweep.
  expect(second.next).toBeGreaterThanOrEqual(before + 2 * PERIOD_S * 1000 - 1000);
  expect(second.next).toBeLessThanOrEqual(after + 2 * PERIOD_S * 1000);

  h.cloud.faults.clear();
  // Due once the sweep's period reaches `next`.
  await new Promise((r) => setTimeout(r, Math.max(0, second.next - PERIOD_S * 1000 - Date.now()) + 200));
  const retried = await h.sweep();
  expect(retried.scan.work.map((w) => w.vpcId)).toContain(vpc);
  await nothingLeft(vpc);
  await settledTags(vpc, (t) => expect(statusKeys(t)).toEqual([]));
  // Converged: the sweep after that has nothing for it.
  expect((await h.sweep()).scan.work.map((w) => w.vpcId)).not.toContain(vpc);
});

test('replacement: a failed retire keeps the VPC Ready (reason says so); the sweep removes the extra endpoint', async () => {
  const vpc = vpcs[2];
  const [original] = await liveEndpoints(vpc);
  h.cloud.faults.add({ ...INCORRECT_STATE, count: 1000 });
  await h.ec2.send(new CreateTagsCommand({ Resources: [vpc], Tags: [{ Key: 'egress:subnets', Value: subnetsOf(h.cloud, vpc).a }] }));
  await h.cloud.awaitIdle();
  const tags = await settledTags(vpc, (t) => expect(t['egress-proxy:reason']).toMatch(/; retiring the replaced endpoint failed/));
  expect(tags['egress-proxy:state']).toBe('Ready');
  expect(tags['egress-proxy:reason']).toMatch(/^ProxyReachable: .*; retiring the replaced endpoint failed, the sweep retries: AwsTransient: DeleteVpcEndpoints: IncorrectState/);
  await eventually(() => liveEndpoints(vpc), (both) => expect(both.map((e) => e.id).sort()).toEqual([original.id, tags['egress-proxy:endpoint']].sort()));

  h.cloud.faults.clear();
  const repaired = await h.sweep();
  expect(repaired.scan.work.find((w) => w.vpcId === vpc)?.why).toMatch(/WrongSubnets/);
  const after = await settledTags(vpc, (t) => expect(t['egress-proxy:reason']).toBe('ProxyReachable: CONNECT through the proxy succeeded'));
  expect(after['egress-proxy:state']).toBe('Ready');
  await eventually(() => liveEndpoints(vpc), (eps) => expect(eps.map((e) => e.id)).toEqual([tags['egress-proxy:endpoint']]));
});

test('opt-in: an AWS error nobody classified is transient: Error with attempt 1, retried by the very next sweep', async () => {
  const vpc = vpcs[4];
  h.cloud.faults.add({ operation: 'ec2:CreateVpcEndpoint', kind: 'error', code: 'SomethingNew', status: 400, count: 1000 });
  await h.ec2.send(new CreateTagsCommand({ Resources: [vpc], Tags: [{ Key: 'egress', Value: 'proxy' }] }));
  await h.cloud.awaitIdle();
  const failed = await settledTags(vpc, (t) => expect(t['egress-proxy:state']).toBe('Error'));
  expect(failed['egress-proxy:reason']).toMatch(/^AwsFailure: CreateVpcEndpoint: SomethingNew/);
  expect(retryOf(failed)?.attempt).toBe(1);

  h.cloud.faults.clear();
  const { scan } = await h.sweep();
  expect(scan.work.find((w) => w.vpcId === vpc)?.why).toBe('ErrorRetry');
  await settledTags(vpc, (t) => {
    expect(t['egress-proxy:state']).toBe('Ready');
    expect(t['egress-proxy:retry']).toBeUndefined();
  });
  await eventually(() => liveEndpoints(vpc), (eps) => expect(eps).toHaveLength(1));
});

test('a fleet target whose DescribeVpcs fails is skipped and reported; the other targets are swept', async () => {
  const [member] = h.cloud.memberAccountIds;
  const memberVpc = h.cloud.memberProjectVpcIds[member][0];
  // A member VPC opted in while the tag event was lost: drift only the sweep can find.
  await h.withoutTagEvents(() => clientsFor(h.cloud, member).ec2.send(new CreateTagsCommand({
    Resources: [memberVpc], Tags: [{ Key: 'egress', Value: 'proxy' }],
  })));
  // Every DescribeVpcs in the operator's own account fails (the scan's and the fleet snapshot's, on
  // every attempt the SDK makes); the member targets read normally. afterEach clears the fault.
  h.cloud.faults.add({ operation: 'ec2:DescribeVpcs', kind: 'server-error', account: h.cloud.accountId });
  const eventsBefore = h.cloud.bus.events.length;
  const { scan } = await h.sweep();
  expect(scan.skippedTargets).toEqual([expect.objectContaining({ account: h.cloud.accountId, region: h.cloud.region, error: 'AwsTransient' })]);
  expect(scan.work.find((w) => w.vpcId === memberVpc)).toMatchObject({ account: member, why: 'NeverReconciled' });
  const reported = h.cloud.bus.events.slice(eventsBefore).filter((e) => e['detail-type'] === 'Egress Fleet Target Skipped');
  expect(reported.map((e) => e.detail)).toEqual([expect.objectContaining({ account: h.cloud.accountId, error: 'AwsTransient' })]);
});
