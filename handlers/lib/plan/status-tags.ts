/**
 * Status tags as data: the tags a change leads to, the diff to write, and whether the tags on a VPC
 * are what the status planner would leave there — the rule the sweep checks a Ready or Degraded VPC
 * by (docs/design.md#planners-and-drift). Pure.
 */
import { parseIpv4 } from '../cidr/address';
import { ADDRESS_KEYS, ALL_STATUS_KEYS, fitTagValue, STATUS_KEYS, type TagMap } from '../tags';
import { isProxyFailureReason, READY_REASON } from './reasons';
import { nextRetry } from './requeue';
import type { StatusChange } from './status';

/**
 * The status tags wanted after `change`, given the current ones (status keys only) and the VPC's
 * current spec generation; undefined = write nothing. `since` moves only when the state changes.
 */
export function applyChange(current: TagMap, change: StatusChange, ctx: { generation: string; now: Date }): TagMap | undefined {
  let target: TagMap;
  switch (change.kind) {
    case 'skip': return undefined;
    case 'clear': return { ...Object.fromEntries(Object.entries(current).filter(([k]) => change.keep?.includes(k))), ...change.set };
    case 'patch':
      target = { ...current, ...change.set };
      for (const k of change.remove ?? []) delete target[k];
      if (change.retry === 'clear') delete target[STATUS_KEYS.retry];
      else if (change.retry) {
        target[STATUS_KEYS.retry] = nextRetry(current[STATUS_KEYS.retry], current[STATUS_KEYS.generation] === ctx.generation, ctx.now, change.retry.periodMs);
      }
      break;
    case 'replace': target = { ...change.tags }; break;
  }
  target[STATUS_KEYS.generation] = ctx.generation;
  const sameState = current[STATUS_KEYS.state] === target[STATUS_KEYS.state];
  target[STATUS_KEYS.since] = sameState && current[STATUS_KEYS.since] ? current[STATUS_KEYS.since] : ctx.now.toISOString();
  if (current[STATUS_KEYS.execution]) target[STATUS_KEYS.execution] = current[STATUS_KEYS.execution];
  return target;
}

export interface TagDiff { set: TagMap; remove: string[] }

/** What to write so `current` becomes `desired` (both: status keys only). Unchanged tags stay unwritten. */
export function diffTags(current: TagMap, desired: TagMap): TagDiff {
  const set: TagMap = {};
  for (const [k, v] of Object.entries(desired)) if (current[k] !== v) set[k] = v;
  const remove = Object.keys(current).filter((k) => !(k in desired));
  return { set, remove };
}

const PROXY_URL = /^http:\/\/([^\s/:[\]]+|\[[0-9A-Fa-f:.]+\]):(\d{1,5})$/;

export interface ServedEndpoint {
  /** The endpoint the planners keep. */
  id: string;
  /** Its association's DNS names (the proxy host, when there is one). */
  dnsNames: string[];
}

/**
 * What is wrong with the status of a Ready or Degraded VPC, compared with what PublishStatus writes
 * for `served` on `port`. An IPv4 host is accepted: without a DNS name the address is an interface's.
 */
export function statusProblems(tags: TagMap, served: ServedEndpoint | undefined, port: number): string[] {
  const problems: string[] = [];
  const state = tags[STATUS_KEYS.state];
  const reason = tags[STATUS_KEYS.reason];
  // A VPC Degraded before it ever got an address has no endpoint tag yet; that is not tampering.
  const endpointTag = tags[STATUS_KEYS.endpoint];
  if (served && (endpointTag !== undefined || state === 'Ready') && endpointTag !== served.id) {
    problems.push(`egress-proxy:endpoint is ${JSON.stringify(endpointTag ?? null)}, the endpoint is ${served.id}`);
  }
  const url = tags[STATUS_KEYS.proxy];
  if (url === undefined) {
    if (state === 'Ready') problems.push('Ready without an egress-proxy address');
  } else {
    const m = PROXY_URL.exec(url);
    if (!m) problems.push(`egress-proxy ${JSON.stringify(url.slice(0, 60))} is not http://HOST:PORT`);
    else if (Number(m[2]) !== port) problems.push(`egress-proxy port ${m[2]} is not the proxy port ${port}`);
    else if (served?.dnsNames.length && !served.dnsNames.includes(m[1]) && parseIpv4(m[1]) === undefined) {
      problems.push(`egress-proxy host ${m[1]} is not the endpoint's DNS name`);
    }
  }
  if (state === 'Ready' && reason !== READY_REASON) problems.push(`Ready with reason ${JSON.stringify((reason ?? '').slice(0, 60))}`);
  if (state === 'Degraded' && !isProxyFailureReason(reason)) problems.push(`Degraded with reason ${JSON.stringify((reason ?? '').slice(0, 60))}`);
  return problems;
}

/**
 * Status keys a finished opt-out would still remove. A VPC without a state whose address tags remain
 * is a finished `retain` opt-out: that address is left on purpose; so is the reason PublishStatus
 * leaves when `egress` holds a value that is not accepted (`optOutNote`, from the spec).
 */
export function optOutStatusLeft(tags: TagMap, optOutNote?: string): string[] {
  const state = tags[STATUS_KEYS.state];
  const finished = state === undefined;
  const noteLeft = finished && optOutNote !== undefined && tags[STATUS_KEYS.reason] === fitTagValue(optOutNote);
  return ALL_STATUS_KEYS.filter((k) => k in tags
    && !(finished && ADDRESS_KEYS.includes(k))
    && !(noteLeft && k === STATUS_KEYS.reason));
}
