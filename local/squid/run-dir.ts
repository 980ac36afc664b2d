/**
 * A fresh directory for one Squid: config, pid file, logs, core dumps. Squid started as root
 * drops to its unprivileged user (`proxy` on Debian, `squid` on Fedora/Amazon Linux) before it
 * opens its logs, so the directory must belong to that user.
 */
import { chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Users Squid packages drop to when started as root, in the order they are tried. */
const SQUID_USERS = ['proxy', 'squid'];

export function createRunDir(prefix = 'egress-squid-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (process.getuid?.() === 0) {
    const owner = squidUser();
    // Without the user the directory stays root's and Squid fails to open its logs, with its own message.
    if (owner) chownSync(dir, owner.uid, owner.gid);
  }
  return dir;
}

export function removeRunDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** uid/gid of the first known Squid user in /etc/passwd. */
export function squidUser(passwd = readPasswd()): { name: string; uid: number; gid: number } | undefined {
  const entries = passwd.split('\n').map((line) => line.split(':'));
  for (const name of SQUID_USERS) {
    const entry = entries.find((fields) => fields[0] === name && fields.length >= 4);
    if (entry) return { name, uid: Number(entry[2]), gid: Number(entry[3]) };
  }
  return undefined;
}

function readPasswd(): string {
  try {
    return readFileSync('/etc/passwd', 'utf8');
  } catch {
    return '';
  }
}
