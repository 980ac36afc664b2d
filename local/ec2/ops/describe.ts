/**
 * The common shape of every Describe*: optional IDs (well-formed, and all must exist), filters, then a
 * page — of the records as a read sees them now (consistency-view.ts: identical to the store unless
 * eventual consistency is on).
 */
import { parseFilters, type QueryParams } from '../../protocol/query';
import { isWellFormedId, malformed, notFound, type ResourceKind } from '../errors';
import { applyFilters, type FilterFields } from '../filters';
import { paginate, DEFAULT_LIMITS, type PageLimits } from '../paginate';
import { lingeringDeletedEndpoints, readView } from '../consistency-view';
import type { Resource } from '../types';

export interface DescribeSpec<T extends Resource> {
  records: Iterable<T>;
  /** Query list name of the IDs (`VpcId`, `SubnetId`, …) and the kind for its NotFound code. */
  idParam: string;
  kind: ResourceKind;
  fields: FilterFields<T>;
  limits?: PageLimits;
  caseInsensitive?: string[];
}

/** Returns the page and the token; an unknown requested ID fails the whole call, as in AWS. */
export function describe<T extends Resource>(p: QueryParams, spec: DescribeSpec<T>): { items: T[]; nextToken?: string } {
  const ids = p.list(spec.idParam);
  let selected: T[];
  if (ids.length > 0) {
    const bad = ids.find((id) => !isWellFormedId(id, spec.kind));
    if (bad !== undefined) throw malformed(bad, spec.kind);
    // By ID: only the requested records are viewed (not every record of the account).
    const wanted = new Set(ids);
    const byId = new Map<string, T>();
    for (const view of views(spec, (id) => wanted.has(id))) byId.set(view.id, view);
    const missing = ids.filter((id) => !byId.has(id));
    if (missing.length > 0) throw notFound(missing.join(', '), spec.kind);
    selected = [...wanted].map((id) => byId.get(id)!);
  } else {
    selected = [...views(spec, () => true)];
  }
  const filtered = applyFilters(selected, parseFilters(p), spec.fields, spec.caseInsensitive);
  return paginate(filtered, { maxResults: p.int('MaxResults'), nextToken: p.get('NextToken') }, spec.limits ?? DEFAULT_LIMITS);
}

/** The records as a read sees them now (then, for endpoints, the lingering deleted ones), those whose ID `wanted`. */
function* views<T extends Resource>(spec: DescribeSpec<T>, wanted: (id: string) => boolean): Iterable<T> {
  for (const record of spec.records) {
    if (!wanted(record.id)) continue;
    const view = readView(record);
    if (view) yield view;
  }
  if (spec.kind === 'vpc-endpoint') for (const e of lingeringDeletedEndpoints()) if (wanted(e.id)) yield e as unknown as T;
}
