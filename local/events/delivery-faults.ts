/**
 * Event delivery faults (docs/local-cloud.md#event-delivery-faults): rules that drop, duplicate or
 * delay an event's delivery to a rule's target, or make target invocations fail so that EventBridge's
 * retry policy takes over (delivery.ts). Matched by rule name, the bus's account, detail-type and a
 * resource ID of the event; `count` and a seeded `rate` as for API faults.
 */
import { z } from 'zod';
import type { CloudEvent } from '../service';
import { createRuleBook, type ActiveRule } from '../fault-rules';

export const deliveryFaultRuleSchema = z.object({
  kind: z.enum(['drop', 'duplicate', 'delay', 'fail']),
  /** The rule's name; absent or `*`: every rule. */
  rule: z.string().min(1).optional(),
  /** The account of the bus the rule is on. */
  account: z.string().regex(/^\d{12}$/, 'account must be a 12-digit account ID').optional(),
  detailType: z.string().min(1).optional(),
  /** One of the event's `resources`, or the ID at the end of one of its ARNs. */
  resourceId: z.string().min(1).optional(),
  count: z.number().int().positive().optional(),
  rate: z.number().min(0).max(1).optional(),
  seed: z.number().int().optional(),
  /** For delay: how long, on the local clock (default 1000). */
  delayMs: z.number().int().min(0).max(86_400_000).optional(),
  /** For duplicate: how many copies the target receives (default 2). */
  copies: z.number().int().min(2).max(10).optional(),
}).strict();
export type DeliveryFaultRule = z.infer<typeof deliveryFaultRuleSchema>;

export interface DeliveryTarget { ruleName: string; account: string; event: CloudEvent }

/** What happens to one event for one rule, decided when it is published. */
export interface DeliveryPlan { drop: boolean; copies: number; delayMs: number }

export interface DeliveryFaults {
  add(rule: DeliveryFaultRule): number;
  clear(): void;
  list(): (DeliveryFaultRule & { id: number; remaining?: number })[];
  /** drop / duplicate / delay for a new delivery (consumes the counts of the rules that fire). */
  plan(target: DeliveryTarget): DeliveryPlan;
  /** Whether this attempt at invoking the target fails (a `fail` rule fires). */
  failsAttempt(target: DeliveryTarget): boolean;
}

function matches(rule: DeliveryFaultRule, t: DeliveryTarget): boolean {
  if (rule.rule !== undefined && rule.rule !== '*' && rule.rule !== t.ruleName) return false;
  if (rule.account !== undefined && rule.account !== t.account) return false;
  if (rule.detailType !== undefined && rule.detailType !== t.event['detail-type']) return false;
  const id = rule.resourceId;
  return id === undefined || (t.event.resources ?? []).some((r) => r === id || r.endsWith(`/${id}`) || r.endsWith(`:${id}`));
}


export function createDeliveryFaults(): DeliveryFaults {
  const book = createRuleBook<DeliveryFaultRule>();
  const firing = (t: DeliveryTarget, kinds: DeliveryFaultRule['kind'][]): ActiveRule<DeliveryFaultRule>[] => {
    const fired = book.active().filter((r) => kinds.includes(r.rule.kind) && r.remaining > 0 && matches(r.rule, t) && book.rolls(r));
    for (const r of fired) book.consume(r);
    return fired;
  };
  return {
    add: (input) => book.add(deliveryFaultRuleSchema.parse(input)),
    clear: book.clear,
    list: book.list,
    plan(t) {
      const plan: DeliveryPlan = { drop: false, copies: 1, delayMs: 0 };
      for (const { rule } of firing(t, ['drop', 'duplicate', 'delay'])) {
        if (rule.kind === 'drop') plan.drop = true;
        else if (rule.kind === 'duplicate') plan.copies = Math.max(plan.copies, rule.copies ?? 2);
        else plan.delayMs += rule.delayMs ?? 1000;
      }
      return plan;
    },
    failsAttempt: (t) => firing(t, ['fail']).length > 0,
  };
}

let current: DeliveryFaults | undefined;

/** Make `faults` the delivery faults of every bus from now on (undefined: none). One local cloud per process. */
export function useDeliveryFaults(faults: DeliveryFaults | undefined): void {
  current = faults;
}

export function deliveryFaults(): DeliveryFaults | undefined {
  return current;
}
