/**
 * `egress squid-config`: prints the hub's hardened Squid configuration, rendered from the same
 * template the CDK app puts into the hub instances' user data — for review, diffing, or running
 * Squid by hand (`squid -k parse -f <file>` accepts it).
 */
import type { Command } from 'commander';
import { DEFAULT_SQUID_PORT, renderSquidConfig } from '../../infra/squid/render';
import { checkPort } from '../../infra/squid/validate';
import { CliError } from '../lib/errors';
import { printJson } from '../lib/output';

interface SquidConfigFlags {
  source?: string[];
  port?: string;
  allowPort?: string[];
  allowDomain?: string[];
  runDir?: string;
  json?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function register(program: Command): void {
  program
    .command('squid-config')
    .description('print the hardened Squid configuration of the hub proxy (the one the CDK app deploys)')
    .requiredOption('--source <cidr>', 'client CIDR allowed to use the proxy; in AWS the resource gateway addresses (repeatable)', collect)
    .option('--port <n>', `listen port (default ${DEFAULT_SQUID_PORT})`)
    .option('--allow-port <n>', 'port CONNECT may reach (repeatable; default 443)', collect)
    .option('--allow-domain <domain>', 'only these destinations; .example.com includes subdomains (repeatable; default any public)', collect)
    .option('--run-dir <dir>', 'write pid file, logs and core dumps here instead of the system paths (local runs)')
    .option('--json', 'print {"config": "..."}')
    .action((flags: SquidConfigFlags) => {
      let config: string;
      try {
        config = renderSquidConfig({
          sources: flags.source ?? [],
          port: flags.port === undefined ? undefined : checkPort(flags.port, 'port'),
          allowPorts: flags.allowPort?.map((p) => checkPort(p, 'allowed port')),
          allowDomains: flags.allowDomain,
          runDir: flags.runDir,
        });
      } catch (err) {
        // The renderer's messages name the option and the value: one usage line, exit 2.
        throw new CliError((err as Error).message);
      }
      if (flags.json) printJson({ config });
      else process.stdout.write(config.endsWith('\n') ? config : `${config}\n`);
    });
}
