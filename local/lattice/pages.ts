/**
 * Pagination of the VPC Lattice List* operations: `maxResults` 1–100 (default 100) and an opaque
 * `nextToken` naming the last item returned (see the ListResourceGateways API reference,
 * https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_ListResourceGateways.html).
 */
import { ApiError, page } from '../sfn/json-wire';

export interface LatticeQuery {
  /** A path label (`resourceGatewayIdentifier`), percent-decoded. */
  label(name: string): string;
  /** A query-string parameter. */
  query(name: string): string | undefined;
}

const MAX_RESULTS = 100;

export function listPage<T extends { id: string }>(
  items: T[], q: LatticeQuery, render: (item: T) => Record<string, unknown>,
): Record<string, unknown> {
  const raw = q.query('maxResults');
  const maxResults = raw === undefined ? MAX_RESULTS : Number(raw);
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > MAX_RESULTS) {
    throw new ApiError('ValidationException', `1 validation error detected: Value '${raw}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and ${MAX_RESULTS}`);
  }
  const sorted = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const { items: slice, nextToken } = page(sorted, (i) => i.id, maxResults, q.query('nextToken'), MAX_RESULTS);
  return { items: slice.map(render), ...(nextToken ? { nextToken } : {}) };
}
