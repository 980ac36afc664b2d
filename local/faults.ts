/**
 * Fault injection for the local cloud: throttles, 5xx, named AWS errors, slow answers and lost
 * responses, for the next N calls or a share of calls, matched by `service:Operation`, `service:*` or
 * `*`, and optionally scoped to a caller, a resource ID or a request parameter
 * (docs/local-cloud.md#api-faults). Errors use the codes and statuses AWS uses, so the SDK's retry
 * strategy sees exactly what it would see in AWS (RequestLimitExceeded/ThrottlingException are
 * throttles, 5xx are transient); a lost response is a reset connection after the call took effect.
 */
import { z } from 'zod';
import type { Caller } from './iam/principals';
import { hasParam, mentionsId, type RequestParam } from './faults-params';
import { createRuleBook } from './fault-rules';

export const faultRuleSchema = z.object({
  operation: z.string().min(1),
  kind: z.enum(['throttle', 'server-error', 'error', 'slow', 'lost-response']),
  code: z.string().min(1).optional(),
  status: z.number().int().min(100).max(599).optional(),
  message: z.string().optional(),
  count: z.number().int().positive().optional(),
  rate: z.number().min(0).max(1).optional(),
  seed: z.number().int().optional(),
  delayMs: z.number().int().min(0).max(600_000).optional(),
  /** The caller's account ID. */
  account: z.string().regex(/^\d{12}$/, 'account must be a 12-digit account ID').optional(),
  /** A prefix of the caller's ARN or access key ID, or an IAM role ARN (every session of that role). */
  principal: z.string().min(1).optional(),
  /** An ID that appears among the request's parameter values (vpc-…, vpce-…, sg-…). */
  resourceId: z.string().min(1).optional(),
  /** A request parameter with exactly this value. */
  param: z.object({ name: z.string().min(1), value: z.string() }).strict().optional(),
}).strict();
export type FaultRule = z.infer<typeof faultRuleSchema>;

export interface FaultError {
  status: number;
  code: string;
  message: string;
}

/** What to do with one call: wait first (slow rules), then maybe answer with an error, or run it and lose the answer. */
export interface FaultDecision {
  delayMs: number;
  error?: FaultError;
  /** Run the call, then reset the connection instead of answering (a response lost in the network). */
  loseResponse?: boolean;
}

/** Who made a call and what it names, for scoped rules. `params` is read only when a rule needs it. */
export interface FaultContext {
  caller?: Pick<Caller, 'accountId' | 'arn' | 'accessKeyId' | 'roleArn'>;
  params?: () => RequestParam[];
}


export interface Faults {
  add(rule: FaultRule): number;
  clear(): void;
  list(): (FaultRule & { id: number; remaining?: number })[];
  /** Decide for one call; consumes `count` of the rules that fire. */
  decide(service: string, operation: string, context?: FaultContext): FaultDecision;
}

/** `arn:aws:iam::123456789012:role/path/name` → account and role name. */
const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;

export function matchesPrincipal(principal: string, caller: NonNullable<FaultContext['caller']>): boolean {
  if (caller.arn.startsWith(principal) || caller.accessKeyId.startsWith(principal)) return true;
  const role = ROLE_ARN.exec(principal);
  const own = caller.roleArn ? ROLE_ARN.exec(caller.roleArn) : null;
  return Boolean(role && own && role[1] === own[1] && role[2] === own[2]);
}

/** Every scope the rule names holds for this call (a rule without scopes matches any call). */
export function matchesScopes(rule: FaultRule, context: FaultContext | undefined): boolean {
  const caller = context?.caller;
  if (rule.account !== undefined && caller?.accountId !== rule.account) return false;
  if (rule.principal !== undefined && !(caller && matchesPrincipal(rule.principal, caller))) return false;
  if (rule.resourceId === undefined && rule.param === undefined) return true;
  const params = context?.params?.() ?? [];
  if (rule.resourceId !== undefined && !mentionsId(params, rule.resourceId)) return false;
  return rule.param === undefined || hasParam(params, rule.param.name, rule.param.value);
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
  if (rule.kind === 'slow' || rule.kind === 'lost-response') return undefined;
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
  const book = createRuleBook<FaultRule>();
  return {
    add: (input) => book.add(faultRuleSchema.parse(input)),
    clear: book.clear,
    list: book.list,
    decide(service, operation, context) {
      const decision: FaultDecision = { delayMs: 0 };
      for (const r of [...book.active()]) {
        if (r.remaining <= 0 || !matchesOperation(r.rule.operation, service, operation)) continue;
        if (!matchesScopes(r.rule, context)) continue;
        if (!book.rolls(r)) continue;
        const error = errorOf(r.rule, service);
        // The first error wins (an error answer is never also a lost one); later such rules keep their count.
        const answers = error !== undefined || r.rule.kind === 'lost-response';
        if (answers && (decision.error || decision.loseResponse)) continue;
        book.consume(r);
        if (r.rule.kind === 'slow') decision.delayMs += r.rule.delayMs ?? 1000;
        else if (r.rule.kind === 'lost-response') decision.loseResponse = true;
        else decision.error = error;
      }
      return decision;
    },
  };
}
