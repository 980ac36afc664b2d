/**
 * The `egress` command line. Each command lives in cli/commands/<name>.ts and exports
 * `register(program)`; add one import and one line to COMMANDS to add a command. A command's work
 * (and the AWS SDK it needs) is in cli/actions/<name>.ts, loaded by `require` when it runs: `--help`
 * and the other commands never load it, in the build (bin/build-cli.js) and from the sources alike.
 */
import { Command } from 'commander';
import { version } from '../package.json';
import { register as overlaps } from './commands/overlaps';
import { register as planCidr } from './commands/plan-cidr';
import { register as status } from './commands/status';
import { register as executions } from './commands/executions';
import { register as history } from './commands/history';
import { register as reconcile } from './commands/reconcile';
import { register as cost } from './commands/cost';
import { register as squidConfig } from './commands/squid-config';
import { register as doctor } from './commands/doctor';
import { configureErrors, runCli } from './lib/errors';

const COMMANDS: Array<(program: Command) => void> = [
  overlaps,
  planCidr,
  status,
  executions,
  history,
  reconcile,
  cost,
  squidConfig,
  doctor,
];

export function buildProgram(): Command {
  const program = configureErrors(new Command('egress'))
    .description('egress-operator: shared internet egress for project VPCs through one central proxy')
    .version(version, '-V, --version')
    .showSuggestionAfterError(true);
  for (const register of COMMANDS) register(program);
  return program;
}

export async function main(argv: readonly string[] = process.argv): Promise<void> {
  process.exitCode = await runCli(buildProgram(), argv);
}
