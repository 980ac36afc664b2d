/**
 * The local cloud's stand-in for the EventBridge schedule that starts reconcile-fleet (`--sweep-interval
 * SECONDS`, 0 = off). A tick while the previous sweep is still starting or running starts nothing (AWS
 * would start a second execution; locally that only doubles the work), and a failed start is logged,
 * never thrown: the next tick tries again.
 */
export interface SweepScheduleOptions {
  /** Starts one sweep and resolves when it has finished (or failed). */
  startSweep: () => Promise<void>;
  intervalSeconds: number;
  log?: (message: string, error?: unknown) => void;
}

export interface SweepSchedule {
  stop(): void;
  /** Ticks so far: started, and skipped because a sweep was still running. */
  readonly counts: { started: number; skipped: number; failed: number };
}

export function startSweepSchedule(opts: SweepScheduleOptions): SweepSchedule {
  const counts = { started: 0, skipped: 0, failed: 0 };
  if (!(opts.intervalSeconds > 0)) return { stop: () => {}, counts };
  const log = opts.log ?? ((m, e) => console.error(m, e ?? ''));
  let busy = false;
  const tick = () => {
    if (busy) { counts.skipped += 1; return; }
    busy = true;
    counts.started += 1;
    Promise.resolve()
      .then(() => opts.startSweep())
      .catch((err) => { counts.failed += 1; log('local cloud: scheduled sweep failed to start or run', err); })
      .finally(() => { busy = false; });
  };
  const timer = setInterval(tick, opts.intervalSeconds * 1000);
  timer.unref(); // never keeps a process alive by itself
  return { stop: () => clearInterval(timer), counts };
}
