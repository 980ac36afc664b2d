/**
 * EC2 Query protocol bodies (`Action=…&Filter.1.Name=…&Filter.1.Value.1=…`) as a navigable tree.
 * EC2 always flattens lists as `Name.N` (1-based), and structures as `Name.Member`, so one small
 * class with "scalar", "list of scalars" and "list of structures" views covers every request we parse.
 */
export class QueryParams {
  constructor(private readonly entries: ReadonlyMap<string, string>) {}

  static parse(body: string): QueryParams {
    const map = new Map<string, string>();
    for (const [k, v] of new URLSearchParams(body)) map.set(k, v);
    return new QueryParams(map);
  }

  get(name: string): string | undefined {
    return this.entries.get(name);
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  bool(name: string): boolean | undefined {
    const v = this.get(name);
    return v === undefined ? undefined : v.toLowerCase() === 'true';
  }

  int(name: string): number | undefined {
    const v = this.get(name);
    if (v === undefined || v === '') return undefined;
    const n = Number(v);
    return Number.isInteger(n) ? n : Number.NaN;
  }

  /** `Name.1`, `Name.2`, … in index order (not insertion order). */
  list(name: string): string[] {
    const found: [number, string][] = [];
    const prefix = `${name}.`;
    for (const [k, v] of this.entries) {
      if (!k.startsWith(prefix)) continue;
      const rest = k.slice(prefix.length);
      if (/^\d+$/.test(rest)) found.push([Number(rest), v]);
    }
    return found.sort((a, b) => a[0] - b[0]).map(([, v]) => v);
  }

  /** `Name.1.Member…`, `Name.2.Member…` as one QueryParams per index, in index order. */
  structs(name: string): QueryParams[] {
    const groups = new Map<number, Map<string, string>>();
    const prefix = `${name}.`;
    for (const [k, v] of this.entries) {
      if (!k.startsWith(prefix)) continue;
      const m = /^(\d+)\.(.+)$/.exec(k.slice(prefix.length));
      if (!m) continue;
      const idx = Number(m[1]);
      if (!groups.has(idx)) groups.set(idx, new Map());
      groups.get(idx)!.set(m[2], v);
    }
    return [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([, g]) => new QueryParams(g));
  }

  /** A nested structure `Name.Member…` as its own QueryParams (empty when absent). */
  struct(name: string): QueryParams {
    const prefix = `${name}.`;
    const sub = new Map<string, string>();
    for (const [k, v] of this.entries) if (k.startsWith(prefix)) sub.set(k.slice(prefix.length), v);
    return new QueryParams(sub);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Stable canonical form of every entry except the named ones (for idempotency comparisons). */
  canonical(except: string[] = []): string {
    return [...this.entries]
      .filter(([k]) => !except.includes(k))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
  }
}

export interface QueryFilter {
  name: string;
  values: string[];
}

/** `Filter.N.Name` / `Filter.N.Value.M` (every EC2 Describe* call). */
export function parseFilters(params: QueryParams): QueryFilter[] {
  return params.structs('Filter').map((f) => ({ name: f.get('Name') ?? '', values: f.list('Value') }));
}

export interface QueryTag {
  key: string;
  /** undefined when the request did not carry a value at all (DeleteTags distinguishes this from ''). */
  value: string | undefined;
}

/** `<prefix>.N.Key` / `<prefix>.N.Value`. */
export function parseTags(params: QueryParams, prefix = 'Tag'): QueryTag[] {
  return params.structs(prefix).map((t) => ({ key: t.get('Key') ?? '', value: t.get('Value') }));
}

export interface QueryTagSpecification {
  resourceType: string;
  tags: QueryTag[];
}

/** `TagSpecification.N.ResourceType` / `TagSpecification.N.Tag.M.Key|Value`. */
export function parseTagSpecifications(params: QueryParams): QueryTagSpecification[] {
  return params.structs('TagSpecification').map((s) => ({
    resourceType: s.get('ResourceType') ?? '',
    tags: parseTags(s, 'Tag'),
  }));
}
