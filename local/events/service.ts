/**
 * The local EventBridge service: AWS JSON 1.1 (`X-Amz-Target: AWSEvents.PutEvents`) onto the
 * in-memory default bus, whose local rules deliver to in-process targets.
 */
import type { LocalService, ServiceContext } from '../service';
import { ApiError, jsonError, jsonOk, parseBody, targetOperation } from '../sfn/json-wire';
import { createEventBus, type EventBus } from './bus';
import { entryToEvent, requestEntries } from './put-events';

export interface EventsService extends LocalService {
  bus: EventBus;
}

const PREFIX = 'AWSEvents';

export function createEventsService(ctx: Pick<ServiceContext, 'accountId' | 'region'>, bus: EventBus = createEventBus(ctx)): EventsService {
  const error = (status: number, code: string, message: string) => jsonError('1.1', status, code, message);

  const operations: Record<string, (body: Record<string, unknown>) => Record<string, unknown>> = {
    PutEvents(body) {
      const results = requestEntries(body).map((entry) => entryToEvent(entry, ctx));
      const Entries = results.map((r) => ('event' in r ? { EventId: bus.publish(r.event).id } : r));
      return { FailedEntryCount: Entries.filter((e) => 'ErrorCode' in e).length, Entries };
    },
  };

  return {
    name: 'events',
    bus,
    error,
    operationOf: (req) => targetOperation(req.headers, PREFIX),
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
