/**
 * The event buses of every account and Region, and the tag-event plumbing the CDK app deploys
 * (docs/local-cloud.md#events-across-accounts):
 * - operator account: the `OwnAccountTagChanges` rule on its default bus and the `MemberTagChanges`
 *   rule on its `egress-operator` bus, both → the dispatcher (infra/constructs/operator-events.ts);
 * - each member account: the `ForwardTagChanges` rule on its default bus → the operator's
 *   `egress-operator` bus in the same Region (infra/stacks/member-stack.ts). A cross-account
 *   event-bus target delivers the event unchanged, its `account` still the member's
 *   (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cross-account.html).
 */
import type { CloudEvent } from './service';
import { createEventBus, type EventBus } from './events/bus';
import type { EventPattern } from './events/pattern';

export const OPERATOR_BUS_NAME = 'egress-operator';
export const OWN_ACCOUNT_RULE = 'egress-operator-tag-change';
export const MEMBER_RULE = 'egress-operator-member-tag-change';
export const FORWARD_RULE = 'egress-operator-forward-tag-changes';

export class EventBuses {
  private readonly buses = new Map<string, EventBus>();
  private paused = 0;

  /** The bus `name` of an account in a Region (created on first use, like an account's default bus). */
  bus(accountId: string, region: string, name = 'default'): EventBus {
    const key = `${accountId}/${region}/${name}`;
    let bus = this.buses.get(key);
    if (!bus) {
      bus = createEventBus({ accountId, region });
      this.buses.set(key, bus);
    }
    return bus;
  }

  all(): EventBus[] {
    return [...this.buses.values()];
  }

  /** Events accepted on every bus so far. */
  eventCount(): number {
    return this.all().reduce((n, b) => n + b.events.length, 0);
  }

  async idle(): Promise<void> {
    for (;;) {
      const before = this.eventCount();
      await Promise.all(this.all().map((b) => b.idle()));
      if (this.eventCount() === before) return;
    }
  }

  /** True while `pauseTagEvents` runs: the tag rules then drop what is published. */
  get tagEventsPaused(): boolean {
    return this.paused > 0;
  }

  /** Run `fn` while tag events reach no rule (as if EventBridge lost them); restored even when fn throws. */
  async pauseTagEvents<T>(fn: () => Promise<T>): Promise<T> {
    await this.idle();
    this.paused++;
    try {
      return await fn();
    } finally {
      this.paused--;
    }
  }

  /** The operator's two dispatcher rules. */
  wireOperator(accountId: string, region: string, pattern: EventPattern, dispatch: (e: CloudEvent) => Promise<void>): void {
    const accept = () => !this.tagEventsPaused;
    this.bus(accountId, region).addRule({ name: OWN_ACCOUNT_RULE, pattern, target: dispatch, accept });
    this.bus(accountId, region, OPERATOR_BUS_NAME).addRule({ name: MEMBER_RULE, pattern, target: dispatch, accept });
  }

  /** A member account's forwarding rule to the operator's bus in the same Region. */
  wireMember(memberAccountId: string, operatorAccountId: string, region: string, pattern: EventPattern): void {
    const operatorBus = this.bus(operatorAccountId, region, OPERATOR_BUS_NAME);
    this.bus(memberAccountId, region).addRule({
      name: FORWARD_RULE, pattern, accept: () => !this.tagEventsPaused,
      target: (event) => { operatorBus.publish(event); },
      targetArn: `arn:aws:events:${region}:${operatorAccountId}:event-bus/${OPERATOR_BUS_NAME}`,
    });
  }
}
