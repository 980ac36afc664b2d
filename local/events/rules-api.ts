/**
 * The EventBridge read and switch operations on the rules of the local default bus: ListRules,
 * DescribeRule, ListTargetsByRule, ListEventBuses, EnableRule, DisableRule — request and response
 * members as in the EventBridge API reference (https://docs.aws.amazon.com/eventbridge/latest/APIReference/).
 * Only the default bus exists locally; naming another answers ResourceNotFoundException, as AWS does.
 */
import { ApiError, epochSeconds, page } from '../sfn/json-wire';
import type { EventBus, Rule } from './bus';

type Body = Record<string, unknown>;
export interface BusScope {
  accountId: string;
  region: string;
}

/** When the local default bus came to be (EventBridge reports the bus's CreationTime). */
const BUS_CREATED_AT = Date.now();

const busArn = (s: BusScope) => `arn:aws:events:${s.region}:${s.accountId}:event-bus/default`;
const ruleArn = (s: BusScope, name: string) => `arn:aws:events:${s.region}:${s.accountId}:rule/${name}`;

/** `EventBusName` may be omitted, `default`, or the default bus's ARN. */
function requireDefaultBus(body: Body, scope: BusScope): void {
  const name = body.EventBusName;
  if (name === undefined || name === null || name === 'default' || name === busArn(scope)) return;
  throw new ApiError('ResourceNotFoundException', `Event bus ${String(name)} does not exist.`);
}

function findRule(bus: EventBus, scope: BusScope, name: unknown): Rule {
  const rule = bus.listRules().find((r) => r.name === name);
  if (!rule) throw new ApiError('ResourceNotFoundException', `Rule ${String(name)} does not exist on EventBus default.`);
  return rule;
}

function renderRule(rule: Rule, scope: BusScope): Body {
  return {
    Name: rule.name,
    Arn: ruleArn(scope, rule.name),
    EventPattern: JSON.stringify(rule.pattern),
    State: rule.state ?? 'ENABLED',
    ...(rule.description ? { Description: rule.description } : {}),
    EventBusName: 'default',
  };
}

const byName = (a: Rule, b: Rule) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export function rulesApi(bus: EventBus, scope: BusScope): Record<string, (body: Body) => Body> {
  return {
    ListRules(body) {
      requireDefaultBus(body, scope);
      const prefix = typeof body.NamePrefix === 'string' ? body.NamePrefix : '';
      const rules = bus.listRules().filter((r) => r.name.startsWith(prefix)).sort(byName);
      const { items, nextToken } = page(rules, (r) => r.name, body.Limit, body.NextToken);
      return { Rules: items.map((r) => renderRule(r, scope)), ...(nextToken ? { NextToken: nextToken } : {}) };
    },

    DescribeRule(body) {
      requireDefaultBus(body, scope);
      return { ...renderRule(findRule(bus, scope, body.Name), scope), CreatedBy: scope.accountId };
    },

    ListTargetsByRule(body) {
      requireDefaultBus(body, scope);
      const rule = findRule(bus, scope, body.Rule);
      const targets = rule.targetArn ? [{ Id: 'Target0', Arn: rule.targetArn }] : [];
      const { items, nextToken } = page(targets, (t) => t.Id, body.Limit, body.NextToken);
      return { Targets: items, ...(nextToken ? { NextToken: nextToken } : {}) };
    },

    ListEventBuses(body) {
      const prefix = typeof body.NamePrefix === 'string' ? body.NamePrefix : '';
      const buses = 'default'.startsWith(prefix)
        ? [{ Name: 'default', Arn: busArn(scope), CreationTime: epochSeconds(BUS_CREATED_AT), LastModifiedTime: epochSeconds(BUS_CREATED_AT) }]
        : [];
      const { items, nextToken } = page(buses, (b) => b.Name, body.Limit, body.NextToken);
      return { EventBuses: items, ...(nextToken ? { NextToken: nextToken } : {}) };
    },

    EnableRule(body) {
      requireDefaultBus(body, scope);
      findRule(bus, scope, body.Name).state = 'ENABLED';
      return {};
    },

    /** A disabled rule matches no event until enabled again (the bus skips it). */
    DisableRule(body) {
      requireDefaultBus(body, scope);
      findRule(bus, scope, body.Name).state = 'DISABLED';
      return {};
    },
  };
}
