/** IPv4 CIDR arithmetic for VPCs, subnets and ENI addresses (pure functions). */
import { formatIpv4, parseIpv4 } from '../../handlers/lib/cidr/address';

export interface Cidr {
  base: number;
  prefix: number;
}

/** The operator's one IP/CIDR module parses (strict: no leading zeros, no whitespace). */
const ipToInt = (ip: string): number | undefined => parseIpv4(ip);

export const intToIp = (n: number): string => formatIpv4(n);

/** Parse `a.b.c.d/n`; undefined when malformed or when host bits are set (AWS rejects those too). */
export function parseCidr(text: string): Cidr | undefined {
  const m = /^([\d.]+)\/(\d{1,2})$/.exec(text.trim());
  if (!m) return undefined;
  const base = ipToInt(m[1]);
  const prefix = Number(m[2]);
  if (base === undefined || prefix > 32) return undefined;
  if (base % size({ base, prefix }) !== 0) return undefined;
  return { base, prefix };
}

export function size(c: Cidr): number {
  return 2 ** (32 - c.prefix);
}

export function contains(outer: Cidr, inner: Cidr): boolean {
  return inner.prefix >= outer.prefix && inner.base >= outer.base && inner.base + size(inner) <= outer.base + size(outer);
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.base < b.base + size(b) && b.base < a.base + size(a);
}

export function formatCidr(c: Cidr): string {
  return `${intToIp(c.base)}/${c.prefix}`;
}

/**
 * The next free host address in a subnet. AWS reserves the first four addresses and the last one of
 * every subnet, so the first usable one is .4.
 */
export function nextFreeAddress(subnet: Cidr, used: Set<string>): string | undefined {
  for (let n = subnet.base + 4; n < subnet.base + size(subnet) - 1; n++) {
    const ip = intToIp(n);
    if (!used.has(ip)) return ip;
  }
  return undefined;
}

/** Whether an address text falls inside a CIDR (used by filters such as `addresses.private-ip-address`). */
export function containsIp(c: Cidr, ip: string): boolean {
  const n = ipToInt(ip);
  return n !== undefined && n >= c.base && n < c.base + size(c);
}
