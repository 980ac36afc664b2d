/**
 * EC2 Describe* filters: several filters AND together, the values of one filter OR together, values
 * may use `*` and `?` wildcards, and `tag:KEY`, `tag-key`, `tag-value` work on every taggable kind.
 * An unknown filter name is an error, as in AWS — a typo must not silently match everything.
 */
import { invalidValue } from './errors';
import type { QueryFilter } from '../protocol/query';
import type { Resource } from './types';

/** Filter name → the value(s) a record has for it. */
export type FilterFields<T> = Record<string, (record: T) => string | number | boolean | undefined | (string | undefined)[]>;

function wildcard(pattern: string, ignoreCase: boolean): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, ignoreCase ? 'si' : 's');
}

/** One filter's values as a test, compiled once per call (not once per record). */
type ValueTest = (candidate: string) => boolean;

function valueTest(values: string[], ignoreCase: boolean): ValueTest {
  // Case-sensitive values without wildcards (most of them: IDs, tag keys) are compared directly.
  const isPlain = (v: string) => !ignoreCase && !/[*?]/.test(v);
  const exact = new Set(values.filter(isPlain));
  const patterns = values.filter((v) => !isPlain(v)).map((v) => wildcard(v, ignoreCase));
  return (c) => exact.has(c) || patterns.some((p) => p.test(c));
}

function anyMatch(candidates: (string | undefined)[], test: ValueTest): boolean {
  return candidates.some((c) => c !== undefined && test(c));
}

function candidatesOf<T extends Resource>(record: T, name: string, fields: FilterFields<T>): (string | undefined)[] {
  if (name.startsWith('tag:')) {
    const v = record.tags.get(name.slice(4));
    return v === undefined ? [] : [v];
  }
  if (name === 'tag-key') return [...record.tags.keys()];
  if (name === 'tag-value') return [...record.tags.values()];
  const raw = fields[name](record);
  const list = Array.isArray(raw) ? raw : [raw];
  return list.map((v) => (v === undefined ? undefined : String(v)));
}

export function validateFilters<T>(filters: QueryFilter[], fields: FilterFields<T>): void {
  for (const f of filters) {
    const generic = f.name.startsWith('tag:') || f.name === 'tag-key' || f.name === 'tag-value';
    if (!generic && !(f.name in fields)) throw invalidValue(`The filter '${f.name}' is invalid`);
    if (f.values.length === 0) throw invalidValue(`The filter '${f.name}' requires at least one value`);
  }
}

/** `caseInsensitive` names filters whose values AWS spells differently by type (endpoint states). */
export function applyFilters<T extends Resource>(
  records: T[],
  filters: QueryFilter[],
  fields: FilterFields<T>,
  caseInsensitive: string[] = [],
): T[] {
  validateFilters(filters, fields);
  if (filters.length === 0) return records;
  const tests = filters.map((f) => ({ name: f.name, test: valueTest(f.values, caseInsensitive.includes(f.name)) }));
  return records.filter((r) => tests.every((f) => anyMatch(candidatesOf(r, f.name, fields), f.test)));
}
