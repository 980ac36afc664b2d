/**
 * Counters of one local cloud, exposed on GET /_local/stats: API calls per `service:Operation`,
 * executions and state transitions per state machine (the cost drivers, docs/design.md#workflows).
 * Calls of operations the local cloud does not implement are counted apart, in `unknownOperations`,
 * so they never inflate the real-call counts and a missing operation is visible at a glance.
 * Throttled calls are real calls (counted in `apiCalls`) and also counted in `throttled`.
 */
import type { ServiceContext } from './service';

export interface StatsSnapshot {
  apiCalls: Record<string, number>;
  /** `service:Operation` → calls answered InvalidAction / UnknownOperationException. */
  unknownOperations: Record<string, number>;
  /** `service:Operation` → calls refused by throttling (docs/local-cloud.md#request-throttling); also in apiCalls. */
  throttled: Record<string, number>;
  executions: Record<string, number>;
  stateTransitions: Record<string, number>;
  /** Present when eventual consistency is on: the seed that replays this run, and draws so far. */
  eventualConsistency?: { seed: number; draws: number };
}

type ContextStats = ServiceContext['stats'];

export interface Stats extends ContextStats {
  countUnknownOperation(key: string): void;
  /** A call refused as throttled: `ec2:DescribeVpcs`, `states:StartExecution`, `lambda:Invoke`. */
  countThrottled(key: string): void;
  /** Record the eventual-consistency seed (and a live draw counter) in every snapshot. */
  recordConsistency(source: { seed: number; draws: number }): void;
  snapshot(): StatsSnapshot;
  reset(): void;
}

function bump(map: Map<string, number>, key: string, n = 1): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

function sortedRecord(map: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function createStats(): Stats {
  const apiCalls = new Map<string, number>();
  const unknownOperations = new Map<string, number>();
  const throttled = new Map<string, number>();
  const executions = new Map<string, number>();
  const transitions = new Map<string, number>();
  let consistency: { seed: number; draws: number } | undefined;
  return {
    countApiCall: (key) => bump(apiCalls, key),
    countUnknownOperation: (key) => bump(unknownOperations, key),
    countThrottled: (key) => bump(throttled, key),
    recordConsistency: (source) => { consistency = source; },
    countExecution: (name) => bump(executions, name),
    countTransitions: (name, n) => bump(transitions, name, n),
    snapshot: () => ({
      apiCalls: sortedRecord(apiCalls),
      unknownOperations: sortedRecord(unknownOperations),
      throttled: sortedRecord(throttled),
      executions: sortedRecord(executions),
      stateTransitions: sortedRecord(transitions),
      ...(consistency ? { eventualConsistency: { seed: consistency.seed, draws: consistency.draws } } : {}),
    }),
    reset: () => {
      apiCalls.clear();
      unknownOperations.clear();
      throttled.clear();
      executions.clear();
      transitions.clear();
    },
  };
}
