/**
 * A Squid must not outlive the process that started it — even one killed by SIGKILL, when no exit
 * handler runs. Squid runs in its own process group (so a Ctrl-C meant for the parent reaches it only
 * through stop()), hence a watchdog: a shell loop, in a process group of its own, that checks the parent
 * every second and, once it is gone, kills Squid's group and removes its run directory.
 */
import { spawn } from 'node:child_process';

// $1 parent PID, $2 Squid's process group, $3 run directory to remove ('' keeps it).
const SCRIPT = 'while kill -0 "$1" 2>/dev/null; do sleep 1; done; kill -KILL "-$2" 2>/dev/null; [ -z "$3" ] || rm -rf -- "$3"';

export interface Watchdog { pid: number; stop(): void }

export function startWatchdog(squidPid: number, runDir: string | undefined, parentPid = process.pid): Watchdog {
  const child = spawn('/bin/sh', ['-c', SCRIPT, 'egress-squid-watchdog', String(parentPid), String(squidPid), runDir ?? ''], {
    detached: true, stdio: 'ignore',
  });
  child.unref();
  const pid = child.pid ?? -1;
  return {
    pid,
    stop() {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    },
  };
}
