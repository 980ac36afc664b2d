/**
 * Finding the `squid` program. Debian installs it in /usr/sbin, which is not on every user's PATH,
 * so that directory is searched as well. A missing Squid is a setup problem with one fix, and the
 * error says so instead of surfacing as ENOENT from spawn.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export class SquidNotInstalledError extends Error {
  readonly name = 'SquidNotInstalledError';
  constructor(searched: string[]) {
    super(
      `Squid is not installed: no executable 'squid' in ${searched.join(', ')}. `
      + 'Install it with `apt-get install -y squid` (Debian/Ubuntu) or `dnf install -y squid`.',
    );
  }
}

const SYSTEM_DIRS = ['/usr/sbin', '/usr/local/sbin', '/sbin'];

/**
 * EGRESS_HIDE_SQUID=1 makes the search find nothing, so a machine with Squid can run the path a
 * newcomer without Squid takes (CI runs the Squid-dependent tests once that way).
 */
export const HIDE_SQUID_ENV = 'EGRESS_HIDE_SQUID';

export function squidHidden(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[HIDE_SQUID_ENV] === '1';
}

/**
 * Path of the squid executable, or undefined. `explicit` (a path) is checked alone when given;
 * the PATH and system directories are searched unless EGRESS_HIDE_SQUID=1.
 */
export function findSquidBinary(explicit?: string, pathEnv = process.env.PATH ?? ''): string | undefined {
  if (explicit === undefined && squidHidden()) return undefined;
  const candidates = explicit !== undefined
    ? [explicit]
    : [...pathEnv.split(delimiter).filter(Boolean), ...SYSTEM_DIRS].map((dir) => join(dir, 'squid'));
  return candidates.find(isExecutable);
}

/** Like findSquidBinary, but throws SquidNotInstalledError naming where it looked. */
export function requireSquidBinary(explicit?: string): string {
  const found = findSquidBinary(explicit);
  if (found) return found;
  const searched = explicit !== undefined
    ? [explicit]
    : squidHidden()
      ? [`nowhere (${HIDE_SQUID_ENV}=1 hides it)`]
      : [...new Set([...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...SYSTEM_DIRS])];
  throw new SquidNotInstalledError(searched);
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
