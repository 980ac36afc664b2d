/** What `egress history` does (its flags are in cli/commands/history.ts). */
import { operatorMachines, withAws } from '../lib/aws-command';
import type { AwsFlags } from '../lib/aws-options';
import { CliError } from '../lib/errors';
import { historyJson, renderHistory } from '../lib/history-view';
import { toRun } from '../lib/history-visits';
import { printJson } from '../lib/output';
import { describeExecution, EXECUTION_ARN, executionHistory, findExecutionByName, machinesOf } from '../lib/sfn-queries';
import { viewOf, type ViewFlags } from '../lib/view-flags';

const NAME = /^[0-9A-Za-z_-]{1,80}$/;

export async function runHistory(execution: string, flags: AwsFlags & ViewFlags): Promise<void> {
  const isArn = execution.startsWith('arn:');
  if (isArn && !EXECUTION_ARN.test(execution)) throw new CliError(`${JSON.stringify(execution)} is not a Step Functions execution ARN`);
  if (!isArn && !NAME.test(execution)) throw new CliError(`${JSON.stringify(execution)} is not an execution name (1-80 of 0-9 A-Z a-z _ -) or ARN`);
  const view = viewOf(flags);
  await withAws(flags, async (clients) => {
    const arn = isArn ? execution : await findExecutionByName(clients, machinesOf(await operatorMachines(clients, flags)), execution);
    const described = arn ? await describeExecution(clients, arn) : undefined;
    if (!arn || !described) throw new CliError(`unknown execution ${execution}: no such execution of the operator's state machines`);
    const run = toRun(await executionHistory(clients, arn));
    const doc = historyJson({
      executionArn: arn, name: described.name ?? execution, stateMachineArn: described.stateMachineArn ?? '',
      status: described.status ?? run.status, startDate: described.startDate, stopDate: described.stopDate,
    }, run, Date.now());
    if (!doc.error && described.error) Object.assign(doc, { error: described.error, cause: described.cause ?? null });
    if (view.json) printJson(doc);
    else process.stdout.write(`${renderHistory(doc, run, undefined, view.layout)}\n`);
  });
}
