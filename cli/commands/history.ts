/**
 * `egress history EXECUTION`: one run state by state, like the console's event view — each state with
 * its elapsed time, retries with their error, the outcome, the path taken and the final error. The
 * work is in cli/actions/history.ts, loaded only when the command runs.
 */
import type { Command } from 'commander';
import { addAwsOptions, addStateMachineOptions } from '../lib/aws-options';
import { addViewOptions } from '../lib/view-flags';

export function register(program: Command): void {
  const cmd = program
    .command('history')
    .description('one execution state by state: elapsed times, retries and their errors, the path, the final error')
    .argument('<execution>', 'execution name (searched on both workflows) or execution ARN');
  addStateMachineOptions(addAwsOptions(addViewOptions(cmd)))
    .action(async (execution: string, flags) => (require('../actions/history') as typeof import('../actions/history')).runHistory(execution, flags));
}
