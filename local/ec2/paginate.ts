/**
 * MaxResults/NextToken pagination. The token records the creation sequence of the last record
 * returned, so records created or deleted between pages never shift the next page (an offset would).
 */
import { Ec2Error, invalidValue } from './errors';
import type { Resource } from './types';

export interface PageRequest {
  maxResults?: number;
  nextToken?: string;
}

export interface PageLimits {
  min: number;
  max: number;
  /** Page size when MaxResults is absent. */
  default: number;
}

export const DEFAULT_LIMITS: PageLimits = { min: 5, max: 1000, default: 1000 };

function decodeToken(token: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof parsed.after === 'number') return parsed.after;
  } catch {
    /* fall through */
  }
  throw new Ec2Error('InvalidPaginationToken', `The pagination token '${token}' is not valid or is expired.`);
}

function encodeToken(after: number): string {
  return Buffer.from(JSON.stringify({ after }), 'utf8').toString('base64url');
}

export function paginate<T extends Resource>(
  records: T[],
  page: PageRequest,
  limits: PageLimits = DEFAULT_LIMITS,
): { items: T[]; nextToken?: string } {
  const { maxResults } = page;
  if (maxResults !== undefined && (Number.isNaN(maxResults) || maxResults < limits.min || maxResults > limits.max)) {
    throw invalidValue(
      `Value ( ${maxResults} ) for parameter maxResults is invalid. Expecting a value between ${limits.min} and ${limits.max}.`,
    );
  }
  const size = maxResults ?? limits.default;
  const after = page.nextToken ? decodeToken(page.nextToken) : 0;
  const sorted = records.filter((r) => r.seq > after).sort((a, b) => a.seq - b.seq);
  const items = sorted.slice(0, size);
  const more = sorted.length > size;
  return { items, nextToken: more ? encodeToken(items[items.length - 1].seq) : undefined };
}
