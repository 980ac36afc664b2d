/**
 * `egress doctor`: load the CDK config (for the prefix, member role, accounts and ExternalId), run the
 * checks (cli/lib/doctor/run.ts), print them, and exit 0 only when none failed.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../../infra/config';
import { exitCodeOf } from '../lib/doctor/check';
import { checksJson, renderChecks } from '../lib/doctor/render';
import { runDoctor } from '../lib/doctor/run';
import type { DoctorFlags } from '../lib/doctor/targets';
import { CliError } from '../lib/errors';
import { EXIT } from '../lib/exit-codes';
import { printJson } from '../lib/output';

export async function runDoctorCommand(flags: DoctorFlags): Promise<void> {
  const configPath = resolve(flags.config ?? 'egress.config.json');
  if (flags.config && !existsSync(configPath)) throw new CliError(`--config ${flags.config}: no such file`, EXIT.usage);
  let config;
  try {
    config = loadConfig((key) => (key === 'configFile' ? flags.config : undefined));
  } catch (err) {
    throw new CliError(`${(err as Error).message} (${configPath})`, EXIT.usage);
  }
  const configName = existsSync(configPath) ? flags.config ?? 'egress.config.json' : 'the config defaults (no egress.config.json here)';
  const tty = Boolean(process.stderr.isTTY);
  const checks = await runDoctor({
    flags, env: process.env, config, configName,
    progress: (message) => { if (tty) process.stderr.write(`\r\u001b[2Kegress doctor: checking ${message}…`); },
  });
  if (tty) process.stderr.write('\r\u001b[2K');
  if (flags.json) printJson(checksJson(checks));
  else process.stdout.write(`${renderChecks(checks)}\n`);
  const failed = checks.filter((c) => c.status === 'fail');
  // The exit code goes through CliError, as for every command (runCli sets it); its line names the failures.
  if (exitCodeOf(checks) !== 0) throw new CliError(`${failed.length} of ${checks.length} checks failed: ${failed.map((c) => c.name).join('; ')}`.slice(0, 600), EXIT.failure);
}
