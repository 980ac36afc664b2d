/**
 * `egress history EXECUTION`: one run state by state, like the console's event view — each state with
 * its elapsed time, retries with their error, the outcome, the path taken and the final error.
 */
import type { Command } from 'commander';
import { addRegionOption, addStateMachineOptions, operatorMachines, withAws, type AwsFlags } from '../lib/aws-command';
import { CliError } from '../lib/errors';
import { historyJson, renderHistory } from '../lib/history-view';
import { toRun } from '../lib/history-visits';
import { printJson } from '../lib/output';
import { describeExecution, EXECUTION_ARN, executionHistory, findExecutionByName, machinesOf } from '../lib/sfn-queries';

const NAME = /^[0-9A-Za-z_-]{1,80}$/;

export function register(program: Command): void {
  const cmd = program
    .command('history')
    .description('one execution state by state: elapsed times, retries and their errors, the path, the final error')
    .argument('<execution>', 'execution name (searched on both workflows) or execution ARN')
    .option('--json', 'print JSON');
  addStateMachineOptions(addRegionOption(cmd)).action(async (execution: string, flags: AwsFlags) => {
    const isArn = execution.startsWith('arn:');
    if (isArn && !EXECUTION_ARN.test(execution)) throw new CliError(`${JSON.stringify(execution)} is not a Step Functions execution ARN`);
    if (!isArn && !NAME.test(execution)) throw new CliError(`${JSON.stringify(execution)} is not an execution name (1-80 of 0-9 A-Z a-z _ -) or ARN`);
    await withAws(flags.region, async (clients) => {
      const arn = isArn ? execution : await findExecutionByName(clients, machinesOf(await operatorMachines(clients, flags)), execution);
      const described = arn ? await describeExecution(clients, arn) : undefined;
      if (!arn || !described) throw new CliError(`unknown execution ${execution}: no such execution of the operator's state machines`);
      const run = toRun(await executionHistory(clients, arn));
      const doc = historyJson({
        executionArn: arn, name: described.name ?? execution, stateMachineArn: described.stateMachineArn ?? '',
        status: described.status ?? run.status, startDate: described.startDate, stopDate: described.stopDate,
      }, run, Date.now());
      if (!doc.error && described.error) Object.assign(doc, { error: described.error, cause: described.cause ?? null });
      if (flags.json) printJson(doc);
      else process.stdout.write(`${renderHistory(doc, run)}\n`);
    });
  });
}
