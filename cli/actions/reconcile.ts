/** What `egress reconcile` does (its flags are in cli/commands/reconcile.ts). */
import { operatorMachines, resolveRegion, withAws } from '../lib/aws-command';
import type { AwsFlags } from '../lib/aws-options';
import { dryRunPlan, renderDryRunPlan } from '../lib/dry-run-plan';
import { CliError } from '../lib/errors';
import { EXIT } from '../lib/exit-codes';
import { tableWidth } from '../lib/fit';
import { followExecution } from '../lib/follow';
import { printJson } from '../lib/output';
import { progressKey, progressLine, type Progress } from '../lib/reconcile-progress';
import { startReconcile } from '../lib/reconcile-start';
import { reconcileJson, renderNotFollowed, renderOutcome, renderStart } from '../lib/reconcile-view';
import { describeExecution } from '../lib/sfn-queries';
import { describeVpc, VPC_ID } from '../lib/vpc-queries';
import { vpcStatusOf } from '../lib/vpc-status';

interface ReconcileFlags extends AwsFlags { wait: boolean; timeout: number; dryRun?: boolean }

/** Live progress: one rewritten line on a TTY, one line per state change or retry otherwise. */
function progressPrinter(out: NodeJS.WriteStream, quiet: boolean) {
  let last = '';
  return {
    show(p: Progress) {
      if (quiet) return;
      if (out.isTTY) out.write(`\r\u001b[K${progressLine(p)}`);
      else if (progressKey(p) !== last) out.write(`${progressLine(p)}\n`);
      last = progressKey(p);
    },
    end() { if (!quiet && out.isTTY) out.write('\n'); },
  };
}

export async function runReconcile(vpcId: string, flags: ReconcileFlags): Promise<void> {
  if (!VPC_ID.test(vpcId)) throw new CliError(`${JSON.stringify(vpcId)} is not a VPC ID (vpc- and 8 or 17 hex digits)`);
  if (flags.dryRun && !flags.wait) throw new CliError('--dry-run follows the run to print its plan: use it without --no-wait');
  await withAws(flags, async (clients) => {
    const region = await resolveRegion(clients);
    const machines = await operatorMachines(clients, flags);
    const vpc = await describeVpc(clients, vpcId);
    if (!vpc) throw new CliError(`unknown VPC ${vpcId}: DescribeVpcs found no such VPC in ${region}`);
    const start = await startReconcile(clients, machines.reconcileVpc.arn, { vpcId, account: vpc.OwnerId, region, tags: vpc.Tags }, new Date(), flags.dryRun);
    if (!flags.wait) {
      const doc = reconcileJson(start, undefined, null, await describeExecution(clients, start.executionArn));
      if (flags.json) printJson(doc);
      else process.stdout.write(`${renderStart(start)}\n${renderNotFollowed(doc)}\n`);
      return;
    }
    if (!flags.json) process.stdout.write(`${renderStart(start)}\n`);
    const printer = progressPrinter(process.stdout, Boolean(flags.json));
    const result = await followExecution(clients, start.executionArn, { pollMs: 500, timeoutMs: flags.timeout * 1000, onProgress: printer.show });
    printer.end();
    if (result.ended === 'interrupted') throw new CliError(`stopped following ${start.name}; the execution continues: egress history ${start.name}`, EXIT.interrupted);
    if (result.ended === 'timeout') throw new CliError(`${start.name} is still running after ${flags.timeout}s; follow it with: egress history ${start.name}`, EXIT.failure);
    const after = await describeVpc(clients, vpcId);
    const doc = reconcileJson(start, result, after ? vpcStatusOf(after, region, Date.now()) : null);
    if (flags.dryRun) {
      const output = (await describeExecution(clients, start.executionArn))?.output;
      const plan = dryRunPlan(output ? JSON.parse(output) : undefined);
      if (flags.json) printJson({ ...doc, dryRun: true, plan });
      else process.stdout.write(`${renderOutcome(doc, result, tableWidth())}\n${renderDryRunPlan(plan, tableWidth())}\n`);
      if (doc.executionStatus !== 'SUCCEEDED') throw new CliError(`the dry run of ${vpcId} ended ${doc.executionStatus}${doc.error ? `: ${doc.error}` : ''}`, EXIT.failure);
      return;
    }
    if (flags.json) printJson(doc);
    else process.stdout.write(`${renderOutcome(doc, result, tableWidth())}\n`);
    if (!doc.ready) {
      const why = doc.vpc?.state ? `${doc.vpc.state}${doc.vpc.reason ? ` (${doc.vpc.reason})` : ''}` : doc.vpc?.optedIn === false ? 'not opted in (tag egress=proxy)' : 'no status';
      throw new CliError(`${vpcId} is not Ready: ${why}`, EXIT.failure);
    }
  });
}
