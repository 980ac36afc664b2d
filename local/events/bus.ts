/**
 * The local default event bus: events in (PutEvents, or the local cloud itself through
 * ServiceContext.emitEvent), matched against local rules, delivered asynchronously to their targets,
 * like EventBridge. A target that fails is recorded, never thrown back at the publisher. Injected
 * delivery faults and the retry of failed targets are in delivery.ts (docs/local-cloud.md#event-delivery-faults).
 */
import { randomUUID } from 'node:crypto';
import { clockNow } from '../clock';
import type { CloudEvent } from '../service';
import { deliver as deliverToTarget, type DeliveryRecord } from './delivery';
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

/** One attempt at delivering an event to a rule's target (`attempt` 0: dropped before any). */
export type Delivery = DeliveryRecord;

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
    deliverToTarget({ ruleName: rule.name, account: scope.accountId, event }, {
      invoke: async () => { await rule.target(JSON.parse(JSON.stringify(event)) as CloudEvent); },
      record: (d) => { deliveries.push(d); },
      track: (p) => {
        const tracked = p.finally(() => pending.delete(tracked));
        pending.add(tracked);
      },
    });
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
        account: scope.accountId, time: eventTime(clockNow()), region: scope.region, resources: [], detail: {},
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
