/**
 * Stopping `npm start` the way a person (Ctrl-C: SIGINT) or a process manager (SIGTERM) does: the
 * first signal runs `stop` (Squid or the stand-in, the local cloud, their temporary directories) and
 * exits; a second signal exits at once (exit handlers still kill a Squid that was started).
 */
export type StopSignal = 'SIGINT' | 'SIGTERM';

const SIGNALS: readonly StopSignal[] = ['SIGINT', 'SIGTERM'];
const SIGNAL_NUMBERS: Record<StopSignal, number> = { SIGINT: 2, SIGTERM: 15 };

export interface StopOnSignals {
  /** Resolves with the first signal received (to wait for one while serving). */
  received: Promise<StopSignal>;
  /** Replaces what the first signal runs before the process exits. */
  onStop(stop: (signal: StopSignal) => Promise<number>): void;
  dispose(): void;
}

/**
 * Until `onStop` is given, a signal exits with 128 + its number (nothing was started yet). The exit
 * code is what `stop` returns.
 */
export function stopOnSignals(exit: (code: number) => void = (code) => process.exit(code)): StopOnSignals {
  let stop: (signal: StopSignal) => Promise<number> = async (signal) => 128 + SIGNAL_NUMBERS[signal];
  let stopping = false;
  let resolveReceived: (signal: StopSignal) => void = () => undefined;
  const received = new Promise<StopSignal>((resolve) => { resolveReceived = resolve; });
  const handler = (signal: StopSignal) => {
    if (stopping) {
      exit(128 + SIGNAL_NUMBERS[signal]);
      return;
    }
    stopping = true;
    resolveReceived(signal);
    stop(signal).then(exit, () => exit(1));
  };
  for (const s of SIGNALS) process.on(s, handler);
  return {
    received,
    onStop(fn) { stop = fn; },
    dispose() { for (const s of SIGNALS) process.removeListener(s, handler); },
  };
}
