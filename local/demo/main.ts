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
import { startLocalCloud, type LocalCloud } from '../cloud';
import { ownedLeft, renderTags, showExecution, vpcTags } from './show';

const intArg = (min: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`expected an integer ≥ ${min}, got "${v}"`);
  return n;
};

const program = new Command('npm start --')
  .description('Run egress-operator end to end on the local cloud (no AWS account needed).')
  .option('--keep-running', 'leave the local cloud up afterwards and print AWS_ENDPOINT_URL')
  .option('--port <n>', 'local cloud port (default: a free one)', intArg(0), 0)
  .option('--sweep-interval <seconds>', 'start the fleet sweep every N seconds (0 = off)', intArg(0), 0)
  .option('--proxy <kind>', 'auto | squid | stand-in', 'auto')
  .option('--no-demo', 'skip the scripted demo (with --keep-running: just serve)')
  .parse();
const opts = program.opts<{ keepRunning?: boolean; port: number; sweepInterval: number; proxy: string; demo: boolean }>();
if (!['auto', 'squid', 'stand-in'].includes(opts.proxy)) program.error(`--proxy must be auto, squid or stand-in, not "${opts.proxy}"`);

const colour = Boolean(process.stdout.isTTY);
const bold = (s: string) => (colour ? `\x1b[1m${s}\x1b[0m` : s);
const say = (s = '') => process.stdout.write(`${s}\n`);

async function main(): Promise<number> {
  const started = Date.now();
  const cloud = await startLocalCloud({
    port: opts.port, proxy: opts.proxy as 'auto', endpointPendingMs: 1500, timeScale: 0.05, sweepIntervalSeconds: opts.sweepInterval,
  });
  say(bold('egress-operator — local cloud'));
  say(`  AWS APIs     ${cloud.url}  (EC2, VPC Lattice, Step Functions, EventBridge)`);
  say(`  proxy        ${cloud.proxy.host}:${cloud.proxy.port} — ${cloud.proxy.note}`);
  say(`  hub          resource configuration ${cloud.resourceConfigurationArn}`);
  say(`  projects     ${cloud.projectVpcIds.join(', ')} — all 10.0.0.0/16`);
  let ok = true;
  if (opts.demo) {
    ok = await demo(cloud);
    say();
    say(`${ok ? 'All VPCs reached their expected state' : 'Some VPCs did NOT reach their expected state'} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }
  if (opts.keepRunning) {
    say('The local cloud keeps running; point any AWS SDK or the egress CLI at it (Ctrl-C stops it):');
    say(`AWS_ENDPOINT_URL=${cloud.url}`);
    await new Promise<void>((resolve) => { process.once('SIGINT', resolve); process.once('SIGTERM', resolve); });
  }
  await cloud.stop();
  return ok ? 0 : 1;
}

async function demo(cloud: LocalCloud): Promise<boolean> {
  const ec2 = new EC2Client({});
  const [first, second, third] = cloud.projectVpcIds;
  say();
  say(bold(`1. The owners tag their VPCs egress=proxy`));
  await ec2.send(new CreateTagsCommand({ Resources: cloud.projectVpcIds, Tags: [{ Key: 'egress', Value: 'proxy' }] }));
  await cloud.awaitIdle();
  await showExecutions(cloud);

  say();
  say(bold('2. Every VPC now carries the proxy address'));
  let ok = true;
  for (const vpcId of cloud.projectVpcIds) {
    const tags = await vpcTags(vpcId);
    say(renderTags(vpcId, tags));
    ok = expect(ok, tags['egress-proxy:state'] === 'Ready' && /^http:\/\/.+:\d+$/.test(tags['egress-proxy'] ?? ''), `${vpcId} is Ready with a proxy URL`);
  }

  say();
  say(bold(`3. ${third} opts out (the owner removes the egress tag)`));
  const before = new Set(cloud.stepFunctions.executions.list('reconcile-vpc').map((e) => e.arn));
  await ec2.send(new DeleteTagsCommand({ Resources: [third], Tags: [{ Key: 'egress' }] }));
  await cloud.awaitIdle();
  await showExecutions(cloud, before);
  const tags = await vpcTags(third);
  say(renderTags(third, tags));
  const left = await ownedLeft(third);
  say(`    owned resources left: ${left.length ? left.join(', ') : 'none (endpoint and security group deleted)'}`);
  ok = expect(ok, !Object.keys(tags).some((k) => k.startsWith('egress-proxy')) && left.length === 0, `${third} is cleaned up`);
  for (const vpcId of [first, second]) {
    ok = expect(ok, (await vpcTags(vpcId))['egress-proxy:state'] === 'Ready', `${vpcId} is still Ready`);
  }
  const stats = cloud.stats.snapshot();
  const calls = Object.values(stats.apiCalls).reduce((a, b) => a + b, 0);
  say();
  say(`Cost of this run: ${stats.executions['reconcile-vpc'] ?? 0} executions, ${stats.stateTransitions['reconcile-vpc'] ?? 0} state transitions, ${calls} AWS API calls (GET ${cloud.url}/_local/stats).`);
  return ok;
}

async function showExecutions(cloud: LocalCloud, skip = new Set<string>()) {
  const executions = cloud.stepFunctions.executions.list('reconcile-vpc').filter((e) => !skip.has(e.arn)).reverse();
  for (const e of executions) {
    say();
    say(await showExecution(e.arn, colour));
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
