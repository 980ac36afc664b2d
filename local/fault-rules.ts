/**
 * The rule book the local cloud's three fault stores share (API faults local/faults.ts, task faults
 * local/sfn/task-faults.ts, delivery faults local/events/delivery-faults.ts): numbered rules, each firing
 * for its next `count` matches (or forever) at its seeded `rate`. What a rule matches and does stays
 * with its store.
 */
import { mulberry32 } from './random';

export interface BudgetedRule { count?: number; rate?: number; seed?: number }

export interface ActiveRule<R> { id: number; rule: R; remaining: number; random: () => number }

export interface RuleBook<R extends BudgetedRule> {
  add(rule: R): number;
  clear(): void;
  /** The rules still active, with `remaining` where a count limits them. */
  list(): (R & { id: number; remaining?: number })[];
  /** The active rules, oldest first, for a store to match against one call. */
  active(): readonly ActiveRule<R>[];
  /** Whether this rule fires now: it has matches left and its rate's draw says so. */
  rolls(r: ActiveRule<R>): boolean;
  /** Use one of the rule's matches; a spent rule leaves the book. */
  consume(r: ActiveRule<R>): void;
}

export function createRuleBook<R extends BudgetedRule>(): RuleBook<R> {
  let nextId = 1;
  let rules: ActiveRule<R>[] = [];
  return {
    add(rule) {
      const id = nextId++;
      rules.push({ id, rule, remaining: rule.count ?? Infinity, random: mulberry32(rule.seed ?? id) });
      return id;
    },
    clear() { rules = []; },
    list: () => rules.map((r) => ({ ...r.rule, id: r.id, ...(Number.isFinite(r.remaining) ? { remaining: r.remaining } : {}) })),
    active: () => rules,
    rolls: (r) => r.remaining > 0 && (r.rule.rate === undefined || r.random() < r.rule.rate),
    consume(r) {
      r.remaining -= 1;
      if (r.remaining <= 0) rules = rules.filter((x) => x !== r);
    },
  };
}
