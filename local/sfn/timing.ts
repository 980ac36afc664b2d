/**
 * Compressing workflow time for tests and demos. `timeScale` multiplies every Retry pause and Wait:
 * 1 = real time, 0.01 = a hundred times faster, 0 = no pauses at all.
 *
 * Wait states use aws-local-stepfunctions' `waitTimeOverrides` (milliseconds per state name).
 * Retry pauses cannot: `retryIntervalOverrides` holds one fixed number per retrier, not one per
 * attempt, so it would flatten the backoff. Instead the runner executes a copy of the definition whose
 * `IntervalSeconds`/`MaxDelaySeconds` are scaled; the library then computes
 * IntervalSeconds × BackoffRate^attempt (clamped, jittered) × scale itself, exactly as AWS would.
 */
import type { StateMachineDefinition } from 'aws-local-stepfunctions';

type Json = Record<string, unknown>;

/** Every `States` object of a definition: the top level and those nested in Map and Parallel states. */
export function allStates(definition: { States?: Record<string, unknown> }): Array<[string, Json]> {
  const out: Array<[string, Json]> = [];
  for (const [name, state] of Object.entries(definition.States ?? {})) {
    const s = state as Json;
    out.push([name, s]);
    for (const nested of [s.ItemProcessor, s.Iterator]) {
      if (nested && typeof nested === 'object') out.push(...allStates(nested as Json & { States?: Record<string, unknown> }));
    }
    if (Array.isArray(s.Branches)) for (const branch of s.Branches) out.push(...allStates(branch as Json & { States?: Record<string, unknown> }));
  }
  return out;
}

/** A clone of `definition` with every retrier's interval and maximum delay multiplied by `scale`. */
export function scaleRetries(definition: StateMachineDefinition, scale: number): StateMachineDefinition {
  assertScale(scale);
  // A JSON round trip, not structuredClone: under jest the latter builds objects of another realm,
  // and the runner only resolves nested `.$` templates in objects whose prototype is its Object's.
  const copy = JSON.parse(JSON.stringify(definition)) as StateMachineDefinition;
  if (scale === 1) return copy;
  for (const [, state] of allStates(copy as unknown as Json)) {
    if (!Array.isArray(state.Retry)) continue;
    for (const retrier of state.Retry as Json[]) {
      // 1 s is the ASL default interval; make it explicit so it scales too.
      retrier.IntervalSeconds = ((retrier.IntervalSeconds as number | undefined) ?? 1) * scale;
      if (typeof retrier.MaxDelaySeconds === 'number') retrier.MaxDelaySeconds *= scale;
    }
  }
  return copy;
}

/**
 * Wait overrides in milliseconds. `Seconds` scales; `SecondsPath`/`Timestamp`/`TimestampPath` depend
 * on the input, so they are only overridden (to 0) when the scale is 0, and otherwise run in real time.
 */
export function waitOverrides(definition: StateMachineDefinition, scale: number): Record<string, number> {
  assertScale(scale);
  const out: Record<string, number> = {};
  if (scale === 1) return out;
  for (const [name, state] of allStates(definition as unknown as Json)) {
    if (state.Type !== 'Wait') continue;
    if (typeof state.Seconds === 'number') out[name] = state.Seconds * 1000 * scale;
    else if (scale === 0) out[name] = 0;
  }
  return out;
}

function assertScale(scale: number): void {
  if (!Number.isFinite(scale) || scale < 0) throw new Error(`timeScale must be a finite number >= 0, got ${scale}`);
}
