import { Command, CommanderError } from 'commander';

/** Exit codes: 2 for usage and bad input, 1 for runtime failures (AWS, exhausted pools, …). */
export const EXIT_USAGE = 2;
export const EXIT_FAILURE = 1;

/** An error meant for the user: printed as one line `egress: <message>`, never with a stack. */
export class CliError extends Error {
  readonly name = 'CliError';
  constructor(message: string, readonly exitCode: number = EXIT_USAGE) {
    super(message);
  }
}

/**
 * Control characters (a terminal escape sequence among them), invisible and bidirectional-override
 * characters: shown as \uXXXX, so a hostile file name, input file or value cannot rewrite the user's terminal.
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** Collapse a possibly multi-line message into one line of printable characters. */
export function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim()
    .replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Make commander report its own errors (unknown option, missing argument, bad value) as one
 * `egress: …` line with exit code 2 instead of printing and exiting by itself. Commander copies
 * these settings to subcommands created afterwards with `.command()`.
 */
export function configureErrors(program: Command): Command {
  return program
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(`egress: ${oneLine(text.replace(/^error: /, ''))}\n`) });
}

/** Run the program; turn every failure into one stderr line and an exit code. */
export async function runCli(program: Command, argv: readonly string[]): Promise<number> {
  try {
    await program.parseAsync(argv as string[]);
    return 0;
  } catch (error) {
    return reportError(error);
  }
}

function reportError(error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander has printed already (through outputError). Help and --version arrive with 0; its own
    // parse errors carry exit code 1, which we report as usage; a command's this.error() keeps its code.
    if (error.exitCode === 0) return 0;
    return error.code.startsWith('commander.') ? EXIT_USAGE : error.exitCode;
  }
  if (error instanceof CliError) {
    process.stderr.write(`egress: ${oneLine(error.message)}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? `${error.name !== 'Error' ? `${error.name}: ` : ''}${error.message}` : String(error);
  process.stderr.write(`egress: ${oneLine(message)}\n`);
  if (process.env.EGRESS_DEBUG === '1' && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return EXIT_FAILURE;
}
