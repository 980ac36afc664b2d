/** The common shape of every Describe*: optional IDs (all must exist), filters, then a page. */
import { parseFilters, type QueryParams } from '../../protocol/query';
import { notFound, type ResourceKind } from '../errors';
import { applyFilters, type FilterFields } from '../filters';
import { paginate, DEFAULT_LIMITS, type PageLimits } from '../paginate';
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
  const all = [...spec.records];
  const ids = p.list(spec.idParam);
  let selected = all;
  if (ids.length > 0) {
    const byId = new Map(all.map((r) => [r.id, r]));
    const missing = ids.filter((id) => !byId.has(id));
    if (missing.length > 0) throw notFound(missing.join(', '), spec.kind);
    selected = [...new Set(ids)].map((id) => byId.get(id)!);
  }
  const filtered = applyFilters(selected, parseFilters(p), spec.fields, spec.caseInsensitive);
  return paginate(filtered, { maxResults: p.int('MaxResults'), nextToken: p.get('NextToken') }, spec.limits ?? DEFAULT_LIMITS);
}
