/**
 * The local cloud's controllable clock (docs/local-cloud.md#clock): real time plus an offset, running
 * `scale` times as fast as real time. Executions, history, events, EC2's lifecycle and the handlers'
 * `now()` (handlers/lib/clock.ts) read it, so an hour-long backoff can be tested by advancing it.
 * `sleep(ms)` waits `ms` of this clock: it ends early when the clock is advanced past its end.
 * One local cloud per process: `useClock` makes a clock the process's (clockNow/clockSleep read it).
 */
import { setNowSource } from '../handlers/lib/clock';

export interface ClockSnapshot {
  now: string;
  nowMs: number;
  /** How far this clock is ahead of real time. */
  offsetMs: number;
  scale: number;
}

export class ClockError extends Error {
  override name = 'ClockError';
}

interface Waiter { due: number; resolve: () => void; timer?: NodeJS.Timeout }

/** Longest real-time timer armed at once; a longer wait re-arms (setTimeout overflows past 2^31 ms). */
const MAX_TIMER_MS = 2 ** 30;

export class LocalClock {
  private anchorReal: number;
  private anchorLocal: number;
  private rate = 1;
  private readonly waiters = new Set<Waiter>();

  constructor(private readonly realNow: () => number = Date.now) {
    this.anchorReal = realNow();
    this.anchorLocal = this.anchorReal;
  }

  now(): number {
    return this.anchorLocal + (this.realNow() - this.anchorReal) * this.rate;
  }

  get scale(): number {
    return this.rate;
  }

  /** Jump ahead by `ms` (never back: AWS time does not run backwards). */
  advance(ms: number): ClockSnapshot {
    if (!Number.isFinite(ms) || ms < 0) throw new ClockError(`advanceMs must be a number >= 0, got ${ms}`);
    this.rebase(this.now() + ms, this.rate);
    return this.snapshot();
  }

  /** From now on, run `scale` times as fast as real time. */
  setScale(scale: number): ClockSnapshot {
    if (!Number.isFinite(scale) || scale <= 0) throw new ClockError(`scale must be a number > 0, got ${scale}`);
    this.rebase(this.now(), scale);
    return this.snapshot();
  }

  /** Back to real time: offset 0, scale 1. */
  reset(): ClockSnapshot {
    this.rebase(this.realNow(), 1);
    return this.snapshot();
  }

  snapshot(): ClockSnapshot {
    const nowMs = this.now();
    return { now: new Date(nowMs).toISOString(), nowMs, offsetMs: nowMs - this.realNow(), scale: this.rate };
  }

  /** Resolves once `ms` of this clock have passed (at once for ms <= 0). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const waiter: Waiter = { due: this.now() + Math.max(0, ms), resolve };
      this.waiters.add(waiter);
      this.arm(waiter);
    });
  }

  /** Waiters not yet due. */
  get sleeping(): number {
    return this.waiters.size;
  }

  /** Drop every waiter without resolving it (the cloud is stopping). */
  dispose(): void {
    for (const w of this.waiters) clearTimeout(w.timer);
    this.waiters.clear();
  }

  private rebase(local: number, scale: number): void {
    this.anchorLocal = local;
    this.anchorReal = this.realNow();
    this.rate = scale;
    for (const w of [...this.waiters]) this.arm(w);
  }

  private arm(w: Waiter): void {
    clearTimeout(w.timer);
    const left = w.due - this.now();
    if (left <= 0) {
      this.waiters.delete(w);
      w.resolve();
      return;
    }
    w.timer = setTimeout(() => this.arm(w), Math.min(MAX_TIMER_MS, Math.ceil(left / this.rate)));
    w.timer.unref();
  }
}

let current: LocalClock | undefined;

/** Make `clock` this process's local clock (undefined: real time), for the local cloud and the handlers. */
export function useClock(clock: LocalClock | undefined): void {
  current = clock;
  setNowSource(clock ? () => clock.now() : undefined);
}

/** Milliseconds since the epoch on the local clock (real time when none is in use). */
export function clockNow(): number {
  return current ? current.now() : Date.now();
}

/** Wait `ms` of the local clock (real time when none is in use). */
export function clockSleep(ms: number): Promise<void> {
  if (current) return current.sleep(ms);
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

/**
 * Run `fn` with `new Date()` and `Date.now()` reading the local clock, synchronously only. For
 * aws-local-stepfunctions, which stamps `$$.Execution.StartTime` with `new Date()` as a run starts
 * (the sweep takes its "now" from it): the run's synchronous start happens inside `fn`.
 */
export function underClockDate<T>(fn: () => T): T {
  const clock = current;
  if (!clock) return fn();
  const RealDate = globalThis.Date;
  class ClockDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(clock!.now());
      else super(...(args as [string | number | Date]));
    }

    static override now(): number {
      return clock!.now();
    }
  }
  globalThis.Date = ClockDate as DateConstructor;
  try {
    return fn();
  } finally {
    globalThis.Date = RealDate;
  }
}
