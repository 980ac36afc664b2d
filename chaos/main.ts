/**
 * `npm run chaos -- --seed N --vpcs 20 --rounds 6`: the random-fault campaign against an in-process
 * local cloud (chaos/campaign.ts). Exit 0 when every invariant held, 1 on any violation, 2 on bad
 * arguments. The seed replays the campaign's plan (owners, drift, faults, eventual consistency).
 */
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
import { Command, InvalidArgumentError } from 'commander';
import { runCampaign } from './campaign';
import { jsonReport, pathLines, summaryLine, violationLines } from './report';

const intArg = (min: number, max: number) => (v: string) => {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected an integer from ${min} to ${max}, got "${v}"`);
  return n;
};

const program = new Command('npm run chaos --')
  .description('Random-fault campaign: owners act, drift happens and faults hit the operator on a local cloud; then the faults stop and the invariants are checked (docs/design.md#errors).')
  .option('--seed <n>', 'seed of the campaign (owners, drift, faults, eventual consistency)', intArg(0, 2 ** 31 - 1), 1)
  .option('--vpcs <n>', 'project VPCs in the fleet', intArg(1, 200), 20)
  .option('--rounds <n>', 'rounds of faults, owner actions and drift', intArg(1, 100), 6)
  .option('--round-seconds <s>', 'length of a round', intArg(1, 600), 4)
  .option('--sweep-interval <s>', 'fleet sweep period; convergence is due within 3 periods after the faults stop', intArg(1, 600), 2)
  .option('--json', 'print one JSON document instead of lines')
  .option('--verbose', 'log rounds, and the execution paths of VPCs that did not converge')
  .addHelpText('after', '\nExit status: 0 every invariant held, 1 a violation, 2 bad arguments.\nExample: npm run chaos -- --seed 3 --vpcs 20 --rounds 6')
  .showHelpAfterError('(npm run chaos -- --help shows the options)')
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2))
  .parse();

const o = program.opts<{ seed: number; vpcs: number; rounds: number; roundSeconds: number; sweepInterval: number; json?: boolean; verbose?: boolean }>();

runCampaign({
  seed: o.seed, vpcs: o.vpcs, rounds: o.rounds, roundSeconds: o.roundSeconds, sweepIntervalSeconds: o.sweepInterval,
  log: o.verbose && !o.json ? (line) => process.stderr.write(`${line}\n`) : undefined,
}).then((r) => {
  if (o.json) process.stdout.write(`${jsonReport(r)}\n`);
  else {
    for (const line of violationLines(r)) process.stdout.write(`${line}\n`);
    if (o.verbose) for (const line of pathLines(r)) process.stderr.write(`${line}\n`);
    process.stdout.write(`${summaryLine(r)}\n`);
  }
  process.exit(r.violations.length ? 1 : 0);
}, (err: unknown) => {
  process.stderr.write(`chaos: the campaign could not run: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
