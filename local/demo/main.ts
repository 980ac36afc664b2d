/**
 * `npm start`: the walking skeleton end to end on the local cloud. Three project VPCs that all use
 * 10.0.0.0/16 are opted in with `egress=proxy` the way an owner would (CreateTags through the SDK);
 * the tag events start the real workflow; we show each run and the tags it wrote; then one VPC opts
 * out and the cleanup is shown. Exits 0 only when every VPC reached its expected state.
 */
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
import { Command, InvalidArgumentError } from 'commander';
import { CreateTagsCommand, DeleteTagsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { WORKFLOWS } from '../../handlers/catalog';
import { startLocalCloud, type LocalCloud } from '../cloud';
import { parseSeed } from '../consistency';
import { tableWidth } from '../../cli/lib/fit';
import { envBlock } from './env-block';
import { ownedLeft, renderTags, showExecution, vpcTags, type VpcLabels } from './show';
import { stopOnSignals } from './stop-signals';

const intArg = (min: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`expected an integer ≥ ${min}, got "${v}"`);
  return n;
};

const program = new Command('npm start --')
  .description('Run egress-operator end to end on the local cloud (no AWS account needed).')
  .option('--keep-running', 'leave the local cloud up afterwards and print the environment to use it (SIGINT or SIGTERM stops it)')
  .option('--port <n>', 'local cloud port (default: a free one)', intArg(0), 0)
  .option('--sweep-interval <seconds>', 'start the fleet sweep every N seconds (0 = off)', intArg(0), 0)
  .option('--proxy <kind>', 'auto | squid | stand-in', 'auto')
  .option('--no-demo', 'skip the scripted demo (with --keep-running: just serve)')
  .option('--throttling', 'documented AWS API rate limits: EC2 and StartExecution token buckets, Lambda concurrency (docs/local-cloud.md#request-throttling) (default)', true)
  .option('--no-throttling', 'no API rate limits')
  .option('--eventual-consistency [seed]', 'EC2 reads lag writes as in AWS, seeded (docs/local-cloud.md#eventual-consistency); the seed is printed so a run can be replayed')
  .parse();
const opts = program.opts<{ keepRunning?: boolean; port: number; sweepInterval: number; proxy: string; demo: boolean; throttling: boolean; eventualConsistency?: string | true }>();
let consistencySeed: number | undefined;
try {
  consistencySeed = opts.eventualConsistency === undefined ? undefined : parseSeed(opts.eventualConsistency === true ? 'true' : opts.eventualConsistency);
} catch (e) {
  program.error(`--eventual-consistency: ${(e as Error).message}`);
}
if (!['auto', 'squid', 'stand-in'].includes(opts.proxy)) program.error(`--proxy must be auto, squid or stand-in, not "${opts.proxy}"`);

const colour = Boolean(process.stdout.isTTY);
const bold = (s: string) => (colour ? `\x1b[1m${s}\x1b[0m` : s);
const say = (s = '') => process.stdout.write(`${s}\n`);
// Ctrl-C or SIGTERM, during the demo or while serving, stops Squid and the cloud and removes their files.
const signals = stopOnSignals();

async function main(): Promise<number> {
  const started = Date.now();
  const cloud = await startLocalCloud({
    port: opts.port, proxy: opts.proxy as 'auto', endpointPendingMs: 1500, timeScale: 0.05, sweepIntervalSeconds: opts.sweepInterval,
    eventualConsistency: consistencySeed, throttling: opts.throttling,
  });
  let serving = false;
  let stopped: Promise<void> | undefined;
  const stopCloud = () => (stopped ??= cloud.stop());
  signals.onStop(async (signal) => {
    await stopCloud();
    return serving ? 0 : signal === 'SIGINT' ? 130 : 143;
  });
  const labels: VpcLabels = new Map([[cloud.hub.hubVpcId, 'hub']]);
  say(bold('egress-operator — local cloud'));
  say(`  AWS APIs     ${cloud.url}  (EC2, VPC Lattice, Step Functions, EventBridge)`);
  say(`  proxy        ${cloud.proxy.host}:${cloud.proxy.port} — ${cloud.proxy.note}`);
  say(`  hub          ${cloud.hub.hubVpcId} (hub), resource configuration ${cloud.resourceConfigurationArn}`);
  say(`  projects     ${cloud.projectVpcIds.join(', ')} — all 10.0.0.0/16`);
  if (cloud.consistency) say(`  consistency  eventual, seed ${cloud.consistency.seed} (replay: --eventual-consistency=${cloud.consistency.seed})`);
  let ok = true;
  if (opts.demo) {
    ok = await demo(cloud, labels, opts.keepRunning === true);
    say();
    say(`${ok ? 'All VPCs reached their expected state' : 'Some VPCs did NOT reach their expected state'} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }
  if (opts.keepRunning) {
    say();
    say(`The local cloud keeps running (Ctrl-C or SIGTERM stops it); GET ${cloud.url}/_local/stats counts its calls.`);
    for (const line of envBlock({
      url: cloud.url, region: cloud.region, accessKeyId: cloud.env.AWS_ACCESS_KEY_ID, secretAccessKey: cloud.env.AWS_SECRET_ACCESS_KEY,
      operatorAccount: cloud.accountId, memberAccounts: cloud.memberAccountIds,
    })) say(line);
    serving = true;
    // The signal handler stops the cloud and exits.
    return new Promise<number>(() => undefined);
  }
  await stopCloud();
  return ok ? 0 : 1;
}

async function demo(cloud: LocalCloud, labels: VpcLabels, keepRunning: boolean): Promise<boolean> {
  const ec2 = new EC2Client({});
  const [first, second, third] = cloud.projectVpcIds;
  say();
  say(bold(`1. The owners tag their VPCs egress=proxy`));
  await ec2.send(new CreateTagsCommand({ Resources: cloud.projectVpcIds, Tags: [{ Key: 'egress', Value: 'proxy' }] }));
  await cloud.awaitIdle();
  await showExecutions(cloud, labels);

  say();
  say(bold('2. Every VPC now carries the proxy address'));
  let ok = true;
  for (const vpcId of cloud.projectVpcIds) {
    const tags = await vpcTags(vpcId);
    say(renderTags(vpcId, tags, labels));
    ok = expect(ok, tags['egress-proxy:state'] === 'Ready' && /^http:\/\/.+:\d+$/.test(tags['egress-proxy'] ?? ''), `${vpcId} is Ready with a proxy URL`);
  }

  say();
  say(bold(`3. ${third} opts out (the owner removes the egress tag)`));
  const before = new Set(cloud.stepFunctions.executions.list(WORKFLOWS.reconcileVpc).map((e) => e.arn));
  await ec2.send(new DeleteTagsCommand({ Resources: [third], Tags: [{ Key: 'egress' }] }));
  await cloud.awaitIdle();
  await showExecutions(cloud, labels, before);
  const tags = await vpcTags(third);
  say(renderTags(third, tags, labels));
  const left = await ownedLeft(third);
  say(`    owned resources left: ${left.length ? left.join(', ') : 'none (endpoint and security group deleted)'}`);
  ok = expect(ok, !Object.keys(tags).some((k) => k.startsWith('egress-proxy')) && left.length === 0, `${third} is cleaned up`);
  for (const vpcId of [first, second]) {
    ok = expect(ok, (await vpcTags(vpcId))['egress-proxy:state'] === 'Ready', `${vpcId} is still Ready`);
  }
  const stats = cloud.stats.snapshot();
  const calls = Object.values(stats.apiCalls).reduce((a, b) => a + b, 0);
  say();
  // The stats URL only while the cloud still answers it.
  say(`Cost of this run: ${stats.executions[WORKFLOWS.reconcileVpc] ?? 0} executions, ${stats.stateTransitions[WORKFLOWS.reconcileVpc] ?? 0} state transitions, ${calls} AWS API calls${keepRunning ? ` (GET ${cloud.url}/_local/stats)` : ''}.`);
  return ok;
}

async function showExecutions(cloud: LocalCloud, labels: VpcLabels, skip = new Set<string>()) {
  const executions = cloud.stepFunctions.executions.list(WORKFLOWS.reconcileVpc).filter((e) => !skip.has(e.arn)).reverse();
  for (const e of executions) {
    say();
    say(await showExecution(e.arn, colour, labels, tableWidth()));
  }
}

function expect(ok: boolean, condition: boolean, what: string): boolean {
  if (!condition) say(`  ✗ expected: ${what}`);
  return ok && condition;
}

main().then((code) => process.exit(code), (err) => {
  process.stderr.write(`npm start failed: ${err instanceof Error ? err.message : String(err)}\n`);
  if (process.env.EGRESS_DEBUG) console.error(err);
  process.exit(1);
});
