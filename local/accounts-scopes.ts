/**
 * State per account and Region (docs/local-cloud.md#accounts-and-principals): each service instance of
 * the local cloud serves exactly one account in one Region, as an AWS regional endpoint serves one
 * account's resources. `PerScope` creates instances lazily; `scopedService` routes a request to the
 * instance of its caller's account and its credential scope's Region.
 */
import type { LocalService } from './service';

export interface Scope {
  accountId: string;
  region: string;
}

const keyOf = (s: Scope) => `${s.accountId}/${s.region}`;

export class PerScope<T> {
  private readonly items = new Map<string, { scope: Scope; value: T }>();

  constructor(private readonly create: (scope: Scope) => T) {}

  get(accountId: string, region: string): T {
    const key = keyOf({ accountId, region });
    let item = this.items.get(key);
    if (!item) {
      item = { scope: { accountId, region }, value: this.create({ accountId, region }) };
      this.items.set(key, item);
    }
    return item.value;
  }

  /** Instances created so far. */
  entries(): { scope: Scope; value: T }[] {
    return [...this.items.values()];
  }
}

/**
 * One LocalService that answers for every account and Region. Operation names do not depend on the
 * scope, so `operationOf` asks the home instance (the operator account's home Region).
 */
export function scopedService<T extends LocalService>(name: string, instances: PerScope<T>, home: Scope): LocalService {
  const homeInstance = () => instances.get(home.accountId, home.region);
  return {
    name,
    operationOf: (req) => homeInstance().operationOf(req),
    handle: (req) => instances.get(req.caller.accountId, req.region).handle(req),
    error: (status, code, message) => homeInstance().error(status, code, message),
  };
}
