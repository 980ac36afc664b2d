/**
 * How a table command prints: fitted to the terminal (default), every column in full (`--wide`, or
 * kubectl's `-o wide`), or JSON (`--json`, or `-o json`).
 */
import { InvalidArgumentError, type Command } from 'commander';
import { tableWidth } from './fit';
import type { TableLayout } from './styled-table';

export interface ViewFlags { json?: boolean; wide?: boolean; output?: 'wide' | 'json' }

export interface View { json: boolean; layout: TableLayout }

const FORMATS = ['wide', 'json'] as const;

function parseFormat(value: string): 'wide' | 'json' {
  if ((FORMATS as readonly string[]).includes(value)) return value as 'wide' | 'json';
  throw new InvalidArgumentError(`${JSON.stringify(value)} is not an output format (wide or json).`);
}

export function addViewOptions(cmd: Command, jsonHelp = 'print JSON'): Command {
  return cmd
    .option('--json', jsonHelp)
    .option('--wide', 'every column in full, console links included (default: fit the terminal: $COLUMNS, else 120)')
    .option('-o, --output <format>', 'wide or json: the same as --wide / --json', parseFormat);
}

export function viewOf(flags: ViewFlags, env: NodeJS.ProcessEnv = process.env): View {
  const json = flags.json === true || flags.output === 'json';
  const wide = flags.wide === true || flags.output === 'wide';
  return { json, layout: wide ? { wide: true } : { width: tableWidth(env) } };
}
