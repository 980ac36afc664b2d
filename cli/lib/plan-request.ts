/**
 * `egress plan-cidr`'s flags checked before anything is read: pools of one family, a prefix that fits
 * the family and at least one pool. Pure; a problem is one line naming the value (a usage error).
 */
import { ADDRESS_BITS, type CidrBlock } from '../../handlers/lib/cidr';

/** The problem with `--pool`/`--prefix`, or undefined when the request can be planned. */
export function planRequestProblem(pools: readonly CidrBlock[], prefix: number): string | undefined {
  const family = pools[0].family;
  if (pools.some((pool) => pool.family !== family)) return '--pool values mix IPv4 and IPv6: plan one family at a time';
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > ADDRESS_BITS[family]) {
    return `--prefix ${prefix} is out of range for IPv${family} pools (0-${ADDRESS_BITS[family]})`;
  }
  if (pools.every((pool) => prefix < pool.prefix)) {
    const widest = Math.min(...pools.map((pool) => pool.prefix));
    return `--prefix ${prefix} is shorter than every pool (${pools.map((p) => p.text).join(', ')}): a /${prefix} block fits in none; use /${widest} or longer`;
  }
  return undefined;
}

/**
 * The planner's "pools exhausted" error in plain words, e.g. `only 1 free /16 block left in
 * 10.0.0.0/14 (2 requested)` or `no free /16 block left in 10.0.0.0/16: …`; undefined for other errors.
 */
export function exhaustedMessage(plannerMessage: string, pools: string[], prefix: number, count: number, source: string): string | undefined {
  const found = /have room for (?:no|only (\d+)) free/.exec(plannerMessage);
  if (!found) return undefined;
  const free = found[1] === undefined ? 0 : Number(found[1]);
  const where = pools.join(', ');
  if (free === 0) return `no free /${prefix} block left in ${where}: every /${prefix} there overlaps a block in use in ${source}`;
  return `only ${free} free /${prefix} block${free === 1 ? '' : 's'} left in ${where} (${count} requested): widen the pool, add one, or ask for fewer`;
}
