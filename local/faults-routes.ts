/**
 * The `/_local/…` routes of the fault API beyond `/_local/faults` (docs/local-cloud.md#faults): task
 * crashes, event delivery faults, the clock, the proxy, and forcing a VPC endpoint's state.
 * Every body is JSON; a malformed one is a 400 ValidationException naming the problem.
 */
import { z } from 'zod';
import type { LocalClock } from './clock';
import { ClockError } from './clock';
import type { EndpointState } from './ec2/types';
import type { Ec2Store } from './ec2/store';
import { deliveryFaultRuleSchema, type DeliveryFaults } from './events/delivery-faults';
import { retriesPending } from './events/delivery';
import type { LocalProxy } from './local-proxy';
import { restJsonError, restJsonResponse } from './protocol/json';
import type { LocalResponse } from './service';
import { taskFaultRuleSchema, type TaskFaults } from './sfn/task-faults';

/** The EC2 API's VpcEndpoint.State enum (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcEndpoint.html). */
export const VPC_ENDPOINT_STATES = ['PendingAcceptance', 'Pending', 'Available', 'Deleting', 'Deleted', 'Rejected', 'Failed', 'Expired', 'Partial'] as const;

export interface FaultRoutesContext {
  taskFaults: TaskFaults;
  eventFaults: DeliveryFaults;
  clock: LocalClock;
  proxy: Pick<LocalProxy, 'kind' | 'host' | 'port' | 'running' | 'start' | 'stop'>;
  /** The EC2 store (any account, any Region) holding this endpoint. */
  findEndpoint(vpceId: string): { accountId: string; region: string; store: Ec2Store } | undefined;
}

class BadRequest extends Error {}

/** `0.kind: Invalid enum value…; 0.count: …`: each problem with the path of the field it is about. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
}

function parse<T>(body: string, schema: z.ZodType<T>): T {
  let input: unknown;
  try { input = JSON.parse(body || 'null'); } catch { throw new BadRequest('Body must be JSON'); }
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new BadRequest(describeIssues(parsed.error));
  return parsed.data;
}

/** POST (one rule or an array) / GET / DELETE of a rule registry. */
function ruleRoutes<R>(method: string, body: string, schema: z.ZodType<R>, listKey: string,
  registry: { add(r: R): number; list(): unknown[]; clear(): void }, extra: () => Record<string, unknown> = () => ({})): LocalResponse | undefined {
  if (method === 'GET') return restJsonResponse({ [listKey]: registry.list(), ...extra() });
  if (method === 'DELETE') { registry.clear(); return restJsonResponse({ cleared: true }); }
  if (method !== 'POST') return undefined;
  const raw = parse(body, z.unknown());
  const rules = parse(JSON.stringify(Array.isArray(raw) ? raw : [raw]), schema.array());
  return restJsonResponse({ ids: rules.map((r) => registry.add(r)) }, 201);
}

const clockBody = z.object({ advanceMs: z.number().min(0).optional(), scale: z.number().positive().optional() }).strict()
  .refine((b) => b.advanceMs !== undefined || b.scale !== undefined, 'give advanceMs and/or scale');

const stateBody = z.object({
  state: z.string().min(1),
  lastError: z.object({ code: z.string().min(1), message: z.string() }).strict().optional(),
}).strict();

/** `failed` → `Failed`: the enum value, whatever the case; undefined when it is none. */
export function endpointStateOf(input: string): EndpointState | undefined {
  return VPC_ENDPOINT_STATES.find((s) => s.toLowerCase() === input.toLowerCase());
}

const proxyView = (p: FaultRoutesContext['proxy']) => ({ proxy: { kind: p.kind, host: p.host, port: p.port, running: p.running } });

const ENDPOINT_STATE_PATH = /^\/_local\/endpoints\/([^/]+)\/state$/;

async function routeOrThrow(ctx: FaultRoutesContext, method: string, path: string, body: string): Promise<LocalResponse | undefined> {
  if (path === '/_local/task-faults') return ruleRoutes(method, body, taskFaultRuleSchema, 'taskFaults', ctx.taskFaults);
  if (path === '/_local/event-faults') {
    return ruleRoutes(method, body, deliveryFaultRuleSchema, 'eventFaults', ctx.eventFaults, () => ({ retriesPending: retriesPending() }));
  }
  if (path === '/_local/clock') {
    if (method === 'GET') return restJsonResponse(ctx.clock.snapshot());
    if (method === 'DELETE') return restJsonResponse(ctx.clock.reset());
    if (method !== 'POST') return undefined;
    const b = parse(body, clockBody);
    if (b.scale !== undefined) ctx.clock.setScale(b.scale);
    if (b.advanceMs !== undefined) ctx.clock.advance(b.advanceMs);
    return restJsonResponse(ctx.clock.snapshot());
  }
  if (path === '/_local/proxy' && method === 'GET') return restJsonResponse(proxyView(ctx.proxy));
  if ((path === '/_local/proxy/stop' || path === '/_local/proxy/start') && method === 'POST') {
    await (path.endsWith('stop') ? ctx.proxy.stop() : ctx.proxy.start());
    return restJsonResponse(proxyView(ctx.proxy));
  }
  const m = ENDPOINT_STATE_PATH.exec(path);
  if (m && method === 'POST') {
    const vpceId = decodeURIComponent(m[1]);
    const b = parse(body, stateBody);
    const state = endpointStateOf(b.state);
    if (!state) throw new BadRequest(`state '${b.state}' is not a VpcEndpoint State; valid values: ${VPC_ENDPOINT_STATES.join(', ')}`);
    const found = ctx.findEndpoint(vpceId);
    if (!found) return restJsonError(404, 'InvalidVpcEndpointId.NotFound', `The VpcEndpoint Id '${vpceId}' does not exist in any account or Region of this local cloud`);
    found.store.setEndpointState(vpceId, state, b.lastError);
    return restJsonResponse({ vpcEndpointId: vpceId, accountId: found.accountId, region: found.region, state });
  }
  return undefined;
}

/** The routes, for LocalServerOptions.localRoutes: undefined when the path is not one of them. */
export function faultRoutes(ctx: FaultRoutesContext) {
  return async (method: string, path: string, body: string): Promise<LocalResponse | undefined> => {
    try {
      return await routeOrThrow(ctx, method, path, body);
    } catch (e) {
      if (e instanceof BadRequest || e instanceof ClockError) return restJsonError(400, 'ValidationException', e.message);
      throw e;
    }
  };
}
