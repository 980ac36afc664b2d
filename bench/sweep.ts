/**
 * Fleet sweep benchmark: the sweep over 1,000 and 10,000 opted-in Ready VPCs in the local
 * cloud, with no drift and with 1% drift, against the naive design (one reconcile-vpc execution per VPC
 * per sweep) measured in the same run on a sample and scaled linearly. Prints per sweep: Standard state
 * transitions, AWS API calls, executions started; then the monthly cost at a 15-minute schedule.
 * Run: npx tsx bench/sweep.ts [--quick]   (--quick: 1,000 VPCs only)
 *
 * The fleet is made Ready by local/seed-fleet.ts, a store-level shortcut that creates exactly what a
 * reconcile leaves behind (test/fleet/sweep.test.ts shows a sweep finds no drift on it).
 */
import { DeleteVpcEndpointsCommand, AuthorizeSecurityGroupIngressCommand, CreateTagsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { startLocalCloud, type LocalCloud } from '../local/cloud';
import { seedReadyFleet } from '../local/seed-fleet';
import { measure, monthly, PRICES, scale, SWEEPS_PER_MONTH, type Figures } from './lib/sweep-cost';

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
const QUICK = process.argv.includes('--quick');
const SIZES = QUICK ? [1000] : [1000, 10000];
let runs = 0;

async function sweep(cloud: LocalCloud, sfn: SFNClient): Promise<{ figures: Figures; work: string[]; byKind: Record<string, number> }> {
  await cloud.awaitIdle();
  cloud.stats.reset();
  const since = Date.now();
  const out = await sfn.send(new StartExecutionCommand({ stateMachineArn: cloud.stateMachineArn('reconcile-fleet'), name: `bench-sweep-${++runs}`, input: '{}' }));
  const done = await cloud.stepFunctions.awaitExecution(out.executionArn!);
  await cloud.awaitIdle();
  if (done.Status !== 'SUCCEEDED') throw new Error(`sweep ${done.Status}: ${done.Error} ${done.Cause}`);
  const scan = JSON.parse(String(done.Output)).scan as { work: { vpcId: string }[]; byKind: Record<string, number>; skippedRunning: number };
  return { figures: measure(cloud, since, 1), work: scan.work.map((w) => w.vpcId), byKind: scan.byKind };
}

/** The naive design on `sample` VPCs: one reconcile-vpc each, as a per-VPC schedule would start them. */
async function naive(cloud: LocalCloud, sfn: SFNClient, vpcIds: string[]): Promise<Figures> {
  await cloud.awaitIdle();
  cloud.stats.reset();
  const since = Date.now();
  const round = ++runs;
  // Ten at a time (as a Map with MaxConcurrency 10 would): Lambda durations stay per-invocation, not queueing in one process.
  for (let i = 0; i < vpcIds.length; i += 10) {
    await Promise.all(vpcIds.slice(i, i + 10).map((vpcId) => sfn.send(new StartExecutionCommand({
      stateMachineArn: cloud.stateMachineArn('reconcile-vpc'), name: `${vpcId}-naive-${round}`,
      input: JSON.stringify({ vpcId, account: cloud.accountId, region: cloud.region, trigger: 'sweep' }),
    }))));
    await cloud.awaitIdle();
  }
  return measure(cloud, since, 0);
}

/** 1% drift, four kinds through the SDK and the store: endpoint deleted, endpoint failed, rule added, status tampered. */
async function introduceDrift(cloud: LocalCloud, ec2: EC2Client, vpcIds: string[]): Promise<void> {
  for (const [i, vpcId] of vpcIds.entries()) {
    const endpoint = [...cloud.ec2State.endpoints.values()].find((e) => e.vpcId === vpcId)!;
    const group = [...cloud.ec2State.securityGroups.values()].find((g) => g.vpcId === vpcId && g.groupName.startsWith('egress-proxy-'))!;
    if (i % 4 === 0) await ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [endpoint.id] }));
    if (i % 4 === 1) cloud.ec2State.setEndpointState(endpoint.id, 'Failed');
    if (i % 4 === 2) await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: group.id, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
    if (i % 4 === 3) await ec2.send(new CreateTagsCommand({ Resources: [vpcId], Tags: [{ Key: 'egress-proxy:state', Value: 'Fine' }] }));
  }
}

const usd = (n: number) => `$${n < 0.01 ? n.toFixed(4) : n.toFixed(2)}`;
const row = (label: string, f: Figures) => console.log(
  `  ${label.padEnd(34)} ${String(f.transitions).padStart(9)} ${String(f.apiCalls).padStart(9)} ${String(f.executionsStarted).padStart(7)} ${String(f.lambdaInvocations).padStart(8)} ${f.lambdaSeconds.toFixed(2).padStart(9)}`);
const cost = (label: string, f: Figures) => {
  const m = monthly(f);
  console.log(`  ${label.padEnd(34)} transitions ${usd(m.transitions)}  express ${usd(m.express)}  Lambda requests ${usd(m.lambdaRequests)}  Lambda GB-s ${usd(m.lambdaCompute)}  = ${usd(m.total)}/month`);
};

async function main() {
  const cloud = await startLocalCloud({ timeScale: 0, endpointPendingMs: 0, endpointDeletingMs: 0, seedProjects: 0, proxy: 'auto' });
  const ec2 = new EC2Client({});
  const sfn = new SFNClient({});
  console.log(`fleet sweep benchmark — local cloud at ${cloud.url}, proxy: ${cloud.proxy.kind}`);
  console.log(`prices ${PRICES.date}: Standard $0.025 per 1,000 transitions; Express $1.00 per 1M requests; Lambda arm64 $${PRICES.lambdaGbSecondArm} per GB-s at ${PRICES.lambdaMemoryGb * 1024} MB, $0.20 per 1M requests; EC2/Lattice/SFN read APIs free`);
  console.log(`monthly = per-sweep figures × ${SWEEPS_PER_MONTH} sweeps (every 15 minutes, 30 days); Lambda seconds are measured locally (in-process, loopback API)\n`);
  const fleet: string[] = [];
  for (const size of SIZES) {
    const t0 = Date.now();
    fleet.push(...seedReadyFleet(cloud.ec2State, cloud.latticeState, { count: size - fleet.length, resourceConfigurationArn: cloud.resourceConfigurationArn, prefix: `bench${size}` }));
    const seededMs = Date.now() - t0;
    const clean = await sweep(cloud, sfn);
    if (clean.work.length) throw new Error(`seeded fleet has drift: ${clean.work.slice(0, 5).join(', ')}`);

    // A fresh 1% per size: VPCs drifted and repaired in an earlier round are not reused.
    const drifted = fleet.filter((_, i) => i % 100 === (size >= 10000 ? 63 : 37));
    await introduceDrift(cloud, ec2, drifted);
    const drift = await sweep(cloud, sfn);
    const exact = drift.work.length === drifted.length && drifted.every((v) => drift.work.includes(v));
    const after = await sweep(cloud, sfn);

    const sample = fleet.slice(0, size >= 10000 ? 100 : 200);
    const sampleFigures = await naive(cloud, sfn, sample);
    const naiveFigures = scale(sampleFigures, size / sample.length);

    console.log(`== ${size.toLocaleString()} opted-in Ready VPCs (seeded in ${seededMs} ms), 1 account/region ==`);
    console.log(`  ${''.padEnd(34)} ${'trans.'.padStart(9)} ${'API calls'.padStart(9)} ${'execs'.padStart(7)} ${'Lambdas'.padStart(8)} ${'Lambda s'.padStart(9)}`);
    row('sweep, no drift', clean.figures);
    row(`sweep, 1% drift (${drifted.length} VPCs) incl. repairs`, drift.figures);
    row('sweep after the repairs', after.figures);
    row(`naive, measured on ${sample.length} VPCs`, sampleFigures);
    row(`naive, scaled ×${size / sample.length} to ${size}`, naiveFigures);
    if (after.work.length) console.log(`  left after the repairs: ${JSON.stringify(after.byKind)}`);
    console.log(`  1% drift started exactly the drifted VPCs: ${exact ? 'yes' : 'NO'} (${drift.work.length} started, ${drifted.length} drifted)`);
    const per1000 = (n: number) => (n / (size / 1000)).toFixed(1);
    console.log(`  no-drift sweep per 1,000 VPCs: ${per1000(clean.figures.transitions)} transitions, ${per1000(clean.figures.apiCalls)} API calls (${Object.entries(clean.figures.apiByOperation).map(([k, v]) => `${k} ${v}`).join(', ')})`);
    console.log('  monthly at a 15-minute schedule:');
    cost('operator sweep (no drift)', clean.figures);
    cost('naive design', naiveFigures);
    const repair = monthly(drift.figures, 1).total - monthly(clean.figures, 1).total;
    console.log(`  one repair costs about ${usd(repair / Math.max(1, drifted.length))} per drifted VPC (its reconcile execution and Lambdas)\n`);
  }
  ec2.destroy();
  sfn.destroy();
  await cloud.stop();
}

main().catch((err) => { console.error(err); process.exit(1); });
