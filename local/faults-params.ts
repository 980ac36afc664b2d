/**
 * The parameters of a request, flattened to (name, value) pairs, for fault scopes
 * (docs/local-cloud.md#api-faults): EC2/STS Query parameters (URL and form body), JSON members at any
 * depth, REST path segments (named `path`). Read only when a rule has a `resourceId` or `param` scope.
 */
import type { LocalRequest } from './service';

export type RequestParam = [name: string, value: string];

function flattenJson(value: unknown, name: string, out: RequestParam[]): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    for (const item of value) flattenJson(item, name, out);
  } else if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flattenJson(v, k, out);
  } else if (name) {
    out.push([name, String(value)]);
  }
}

export function requestParams(req: Pick<LocalRequest, 'path' | 'query' | 'headers' | 'body'>): RequestParam[] {
  const out: RequestParam[] = [...req.query.entries()];
  const type = String(req.headers['content-type'] ?? '');
  if (type.includes('x-www-form-urlencoded')) out.push(...new URLSearchParams(req.body).entries());
  else if (type.includes('json') || req.body.trimStart().startsWith('{')) {
    try { flattenJson(JSON.parse(req.body), '', out); } catch { /* not JSON after all: no members */ }
  }
  for (const segment of req.path.split('/').filter(Boolean)) {
    try { out.push(['path', decodeURIComponent(segment)]); } catch { out.push(['path', segment]); }
  }
  return out;
}

/** `SubnetId.1` → `SubnetId`, `Filter.1.Value.2` → `Filter.Value`: a Query list member by its list's name. */
const withoutIndexes = (name: string) => name.replace(/\.\d+(?=\.|$)/g, '');

export function hasParam(params: RequestParam[], name: string, value: string): boolean {
  return params.some(([n, v]) => v === value && (n === name || withoutIndexes(n) === name));
}

/** The ID is a value, or ends one as an ARN's resource part (`…:vpc/vpc-1`, `…/rcfg-1`). */
export function mentionsId(params: RequestParam[], id: string): boolean {
  return params.some(([, v]) => v === id || v.endsWith(`/${id}`) || v.endsWith(`:${id}`));
}
