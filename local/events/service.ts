/**
 * The local EventBridge service: AWS JSON 1.1 (`X-Amz-Target: AWSEvents.PutEvents`) onto the
 * in-memory default bus, whose local rules deliver to in-process targets; the rules can be listed,
 * described, enabled and disabled (rules-api.ts).
 */
import type { LocalService, ServiceContext } from '../service';
import { ApiError, jsonError, jsonOk, parseBody, targetOperation } from '../sfn/json-wire';
import { createEventBus, type EventBus } from './bus';
import { entryToEvent, requestEntries } from './put-events';
import { rulesApi } from './rules-api';

export interface EventsService extends LocalService {
  bus: EventBus;
}

const PREFIX = 'AWSEvents';

type Scope = Pick<ServiceContext, 'accountId' | 'region'>;
type Operation = (body: Record<string, unknown>) => Record<string, unknown>;

function eventsOperations(bus: EventBus, ctx: Scope): Record<string, Operation> {
  return {
    PutEvents(body) {
      const results = requestEntries(body).map((entry) => entryToEvent(entry, ctx));
      const Entries = results.map((r) => ('event' in r ? { EventId: bus.publish(r.event).id } : r));
      return { FailedEntryCount: Entries.filter((e) => 'ErrorCode' in e).length, Entries };
    },
    ...rulesApi(bus, ctx),
  };
}

/** The operations this service implements (read by local/model/generate.ts). */
export const eventsOperationNames = (): string[] =>
  Object.keys(eventsOperations(createEventBus({ accountId: '000000000000', region: 'us-east-1' }), { accountId: '000000000000', region: 'us-east-1' }));

export function createEventsService(ctx: Scope, bus: EventBus = createEventBus(ctx)): EventsService {
  const error = (status: number, code: string, message: string) => jsonError('1.1', status, code, message);
  const operations = eventsOperations(bus, ctx);

  return {
    name: 'events',
    bus,
    error,
    operationOf: (req) => {
      const op = targetOperation(req.headers, PREFIX);
      return op && Object.hasOwn(operations, op) ? op : undefined;
    },
    async handle(req) {
      const op = operations[req.operation];
      if (!op) return error(400, 'UnknownOperationException', `Unknown operation ${req.operation}`);
      try {
        return jsonOk('1.1', op(parseBody(req.body)));
      } catch (e) {
        if (e instanceof ApiError) return error(e.status, e.code, e.message);
        return error(500, 'InternalException', (e as Error).message ?? String(e));
      }
    },
  };
}
