/**
 * The local default event bus: events in (PutEvents, or the local cloud itself through
 * ServiceContext.emitEvent), matched against local rules, delivered asynchronously to their targets,
 * like EventBridge. A target that fails is recorded, never thrown back at the publisher.
 */
import { randomUUID } from 'node:crypto';
import type { CloudEvent } from '../service';
import { assertPattern, matchesPattern, type EventPattern } from './pattern';

export interface Rule {
  name: string;
  pattern: EventPattern;
  target: (event: CloudEvent) => Promise<void> | void;
  /** What ListTargetsByRule names as the target (e.g. the dispatcher Lambda's ARN). */
  targetArn?: string;
  description?: string;
  /** A DISABLED rule matches nothing and delivers nothing (EventBridge DisableRule). Default ENABLED. */
  state?: 'ENABLED' | 'DISABLED';
  /** Decided when the event is published: false drops it for this rule (pauseTagEvents uses it). */
  accept?: (event: CloudEvent) => boolean;
}

export interface Delivery {
  rule: string;
  eventId: string;
  ok: boolean;
  error?: string;
}

export interface EventBus {
  /** Every event accepted on the bus, complete with id, time, account and region. */
  readonly events: readonly CloudEvent[];
  /** Every target invocation and its outcome. */
  readonly deliveries: readonly Delivery[];
  /** Add a rule, or replace the rule of that name. Throws on a malformed pattern. */
  addRule(rule: Rule): void;
  removeRule(name: string): void;
  /** The rules of this bus, in the order they were added. */
  listRules(): readonly Rule[];
  /** Accept an event and deliver it to matching rules in the background; returns it as delivered. */
  publish(event: CloudEvent): CloudEvent;
  /** Resolves when every delivery so far — and any they caused — has finished. */
  idle(): Promise<void>;
}

/** EventBridge times are ISO-8601 to the second: `2025-01-01T12:00:00Z`. */
export const eventTime = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

export function createEventBus(scope: { accountId: string; region: string }): EventBus {
  const rules = new Map<string, Rule>();
  const events: CloudEvent[] = [];
  const deliveries: Delivery[] = [];
  const pending = new Set<Promise<void>>();

  const deliver = (rule: Rule, event: CloudEvent): void => {
    // setImmediate: the publisher (an API call) answers before any target runs, as with AWS.
    const p = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => rule.target(JSON.parse(JSON.stringify(event)) as CloudEvent))
      .then(
        () => { deliveries.push({ rule: rule.name, eventId: event.id!, ok: true }); },
        (e: unknown) => { deliveries.push({ rule: rule.name, eventId: event.id!, ok: false, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) }); },
      )
      .finally(() => pending.delete(p));
    pending.add(p);
  };

  return {
    events,
    deliveries,
    addRule(rule) {
      assertPattern(rule.pattern);
      rules.set(rule.name, rule);
    },
    removeRule: (name) => { rules.delete(name); },
    listRules: () => [...rules.values()],
    publish(input) {
      const event: CloudEvent = {
        version: '0', id: randomUUID(), 'detail-type': input['detail-type'], source: input.source,
        account: scope.accountId, time: eventTime(Date.now()), region: scope.region, resources: [], detail: {},
        ...(Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<CloudEvent>),
      };
      events.push(event);
      for (const rule of rules.values()) {
        if (rule.state !== 'DISABLED' && matchesPattern(rule.pattern, event) && (rule.accept?.(event) ?? true)) deliver(rule, event);
      }
      return event;
    },
    async idle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
