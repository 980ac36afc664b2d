/**
 * Counters of one local cloud, exposed on GET /_local/stats: API calls per `service:Operation`,
 * executions and state transitions per state machine (the cost drivers DESIGN.md §4 talks about).
 */
import type { ServiceContext } from './service';

export interface StatsSnapshot {
  apiCalls: Record<string, number>;
  executions: Record<string, number>;
  stateTransitions: Record<string, number>;
}

type ContextStats = ServiceContext['stats'];

export interface Stats extends ContextStats {
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
  const executions = new Map<string, number>();
  const transitions = new Map<string, number>();
  return {
    countApiCall: (key) => bump(apiCalls, key),
    countExecution: (name) => bump(executions, name),
    countTransitions: (name, n) => bump(transitions, name, n),
    snapshot: () => ({
      apiCalls: sortedRecord(apiCalls),
      executions: sortedRecord(executions),
      stateTransitions: sortedRecord(transitions),
    }),
    reset: () => {
      apiCalls.clear();
      executions.clear();
      transitions.clear();
    },
  };
}
