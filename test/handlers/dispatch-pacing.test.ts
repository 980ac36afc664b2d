/**
 * Pacing through the local cloud with EC2's request throttling on and AWS time running 30× faster:
 * 12 VPCs of one account tagged at once all reach Ready with no CreateVpcEndpoint throttled (its
 * bucket holds 4, refilled at 0.3/s: https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html).
 * Unpaced, this process's own CPU spreads a dozen runs' calls, so that burst is throttled only
 * sometimes here; bench/rollout.ts measures the difference at scale. One VPC is reconciled first, as
 * a deployed operator has: a cold local handler takes a wall-clock second to load, which at 30× is
 * half a minute of AWS time and would bunch the first runs' calls together.
 */
import { startLocalCloud, type LocalCloud } from '../../local/cloud';

const SPEEDUP = 30;
const PROVISIONING_SECONDS = 120;

type Until = (cloud: LocalCloud, vpcs: string[], stateOf: (vpc: string) => string | undefined) => boolean;
const allReady: Until = (_cloud, vpcs, stateOf) => vpcs.every((v) => stateOf(v) === 'Ready');

async function rollout(pacing: 'on' | 'off', until = allReady): Promise<{ cloud: LocalCloud; vpcs: string[]; ready: number; throttled: Record<string, number> }> {
  process.env.ROLLOUT_PACING = pacing;
  const t0 = Date.now();
  const cloud = await startLocalCloud({
    throttling: true, throttleClock: () => t0 + (Date.now() - t0) * SPEEDUP, timeScale: 1 / SPEEDUP,
    endpointPendingMs: (PROVISIONING_SECONDS * 1000) / SPEEDUP, seedProjects: 13, memberAccounts: [], iam: 'off', proxy: 'stand-in',
  });
  cloud.throttling.lambda.enabled = false;
  const ec2 = cloud.ec2StoreFor(cloud.accountId);
  const [warm, ...vpcs] = cloud.projectVpcIds;
  const stateOf = (vpc: string) => ec2.vpcs.get(vpc)?.tags.get('egress-proxy:state');
  ec2.tag(warm, { egress: 'proxy' });
  while (stateOf(warm) !== 'Ready') await new Promise((r) => setTimeout(r, 100));
  await cloud.awaitIdle();
  cloud.stats.reset();
  cloud.throttling.requests.reset();
  for (const vpc of vpcs) ec2.tag(vpc, { egress: 'proxy' });
  // Provisioning plus the 11 paced slots (3.7 s apart) in AWS time, with room for a slow machine.
  const deadline = Date.now() + ((PROVISIONING_SECONDS + 11 * 3.7) * 1000 * 4) / SPEEDUP;
  while (!until(cloud, vpcs, stateOf) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  return { cloud, vpcs, ready: vpcs.filter((v) => stateOf(v) === 'Ready').length, throttled: cloud.stats.snapshot().throttled };
}

afterEach(() => { delete process.env.ROLLOUT_PACING; });

test('paced: 12 VPCs tagged at once all end Ready, no CreateVpcEndpoint throttled, 11 runs waited in Pace', async () => {
  const { cloud, vpcs, ready, throttled } = await rollout('on');
  try {
    expect(ready).toBe(vpcs.length);
    expect(throttled['ec2:CreateVpcEndpoint'] ?? 0).toBe(0);
    await cloud.awaitIdle();
    const runs = cloud.stepFunctions.executions.list('reconcile-vpc').filter((e) => vpcs.some((v) => e.name.startsWith(v)));
    expect(runs.map((e) => e.status)).toEqual(vpcs.map(() => 'SUCCEEDED'));
    const paced = runs.filter((e) => JSON.parse(e.input).notBefore);
    expect(paced).toHaveLength(vpcs.length - 1);
  } finally {
    await cloud.stop();
  }
}, 60_000);
