/**
 * Fault injection for the local cloud: throttles, 5xx, named AWS errors and slow answers, for the next
 * N calls or a share of calls, matched by `service:Operation`, `service:*` or `*`.
 * Errors use the codes and statuses AWS uses, so the SDK's retry strategy sees exactly what it would
 * see in AWS (RequestLimitExceeded/ThrottlingException are throttles, 5xx are transient).
 */
import { z } from 'zod';
import { mulberry32 } from './random';

export const faultRuleSchema = z.object({
  operation: z.string().min(1),
  kind: z.enum(['throttle', 'server-error', 'error', 'slow']),
  code: z.string().min(1).optional(),
  status: z.number().int().min(100).max(599).optional(),
  message: z.string().optional(),
  count: z.number().int().positive().optional(),
  rate: z.number().min(0).max(1).optional(),
  seed: z.number().int().optional(),
  delayMs: z.number().int().min(0).max(600_000).optional(),
});
export type FaultRule = z.infer<typeof faultRuleSchema>;

export interface FaultError {
  status: number;
  code: string;
  message: string;
}

/** What to do with one call: wait first (slow rules), then maybe answer with an error. */
export interface FaultDecision {
  delayMs: number;
  error?: FaultError;
}

interface ActiveRule {
  id: number;
  rule: FaultRule;
  remaining: number;
  random: () => number;
}

export interface Faults {
  add(rule: FaultRule): number;
  clear(): void;
  list(): (FaultRule & { id: number; remaining?: number })[];
  /** Decide for one call; consumes `count` of the rules that fire. */
  decide(service: string, operation: string): FaultDecision;
}


export function matchesOperation(pattern: string, service: string, operation: string): boolean {
  if (pattern === '*') return true;
  const [svc, op] = pattern.includes(':') ? pattern.split(':', 2) : [pattern, '*'];
  return svc === service && (op === '*' || op === operation);
}

/** The error AWS itself sends for a throttle or an internal fault, per service protocol. */
export function standardError(service: string, kind: 'throttle' | 'server-error'): FaultError {
  if (service === 'ec2') {
    return kind === 'throttle'
      ? { status: 503, code: 'RequestLimitExceeded', message: 'Request limit exceeded.' }
      : { status: 500, code: 'InternalError', message: 'An internal error has occurred.' };
  }
  if (kind === 'throttle') return { status: 400, code: 'ThrottlingException', message: 'Rate exceeded' };
  if (service === 'vpc-lattice') return { status: 500, code: 'InternalServerException', message: 'An internal error occurred.' };
  return { status: 500, code: 'InternalFailure', message: 'The request processing has failed because of an unknown error.' };
}

function errorOf(rule: FaultRule, service: string): FaultError | undefined {
  if (rule.kind === 'slow') return undefined;
  if (rule.kind === 'error') {
    return {
      status: rule.status ?? 400,
      code: rule.code ?? 'ValidationException',
      message: rule.message ?? `Injected fault ${rule.code ?? 'ValidationException'}`,
    };
  }
  const base = standardError(service, rule.kind);
  return { status: rule.status ?? base.status, code: rule.code ?? base.code, message: rule.message ?? base.message };
}

export function createFaults(): Faults {
  let nextId = 1;
  let rules: ActiveRule[] = [];
  return {
    add(input) {
      const rule = faultRuleSchema.parse(input);
      const id = nextId++;
      rules.push({ id, rule, remaining: rule.count ?? Infinity, random: mulberry32(rule.seed ?? id) });
      return id;
    },
    clear() {
      rules = [];
    },
    list() {
      return rules.map((r) => ({ ...r.rule, id: r.id, ...(Number.isFinite(r.remaining) ? { remaining: r.remaining } : {}) }));
    },
    decide(service, operation) {
      const decision: FaultDecision = { delayMs: 0 };
      for (const r of rules) {
        if (r.remaining <= 0 || !matchesOperation(r.rule.operation, service, operation)) continue;
        if (r.rule.rate !== undefined && r.random() >= r.rule.rate) continue;
        const error = errorOf(r.rule, service);
        // The first error wins; later error rules keep their count. Slow rules always add up.
        if (error && decision.error) continue;
        r.remaining -= 1;
        if (r.rule.kind === 'slow') decision.delayMs += r.rule.delayMs ?? 1000;
        else decision.error = error;
      }
      rules = rules.filter((r) => r.remaining > 0);
      return decision;
    },
  };
}
