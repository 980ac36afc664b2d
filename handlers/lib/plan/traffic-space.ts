/**
 * Sets of (IPv4 address, TCP port) pairs as lists of disjoint rectangles, for judging security group
 * and network ACL rules exactly rather than by sampling a few addresses. Pure. Written here because
 * the judgement needs first-match subtraction over two dimensions, which no CIDR library offers.
 */
import { parseCidr } from '../cidr/block';

/** Inclusive ranges: addresses as numbers (IPv4 fits in a double), ports 0–65535. */
export interface Rect { addrLo: number; addrHi: number; portLo: number; portHi: number }

export const ALL_PORTS = { from: 0, to: 65535 } as const;

/** An IPv4 CIDR as an address range; undefined for IPv6 or text that is not a CIDR. */
export function ipv4Range(cidr: string | undefined): { lo: number; hi: number } | undefined {
  if (!cidr || cidr.includes(':')) return undefined;
  try {
    const block = parseCidr(cidr.trim());
    return { lo: Number(block.start), hi: Number(block.end) };
  } catch {
    return undefined;
  }
}

export function rectOf(cidr: string, ports: { from: number; to: number }): Rect | undefined {
  const r = ipv4Range(cidr);
  return r && { addrLo: r.lo, addrHi: r.hi, portLo: ports.from, portHi: ports.to };
}

export function intersect(a: Rect, b: Rect): Rect | undefined {
  const r = {
    addrLo: Math.max(a.addrLo, b.addrLo), addrHi: Math.min(a.addrHi, b.addrHi),
    portLo: Math.max(a.portLo, b.portLo), portHi: Math.min(a.portHi, b.portHi),
  };
  return r.addrLo <= r.addrHi && r.portLo <= r.portHi ? r : undefined;
}

/** `a` without `b`: at most four disjoint pieces. */
export function subtract(a: Rect, b: Rect): Rect[] {
  const i = intersect(a, b);
  if (!i) return [a];
  const pieces: Rect[] = [];
  if (a.addrLo < i.addrLo) pieces.push({ ...a, addrHi: i.addrLo - 1 });
  if (i.addrHi < a.addrHi) pieces.push({ ...a, addrLo: i.addrHi + 1 });
  if (a.portLo < i.portLo) pieces.push({ ...i, portLo: a.portLo, portHi: i.portLo - 1 });
  if (i.portHi < a.portHi) pieces.push({ ...i, portLo: i.portHi + 1, portHi: a.portHi });
  return pieces;
}

export function subtractAll(space: Rect[], b: Rect): Rect[] {
  return space.flatMap((r) => subtract(r, b));
}

/** `10.0.0.0` for messages. */
export function formatIpv4(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

/** A rectangle for messages: `10.0.0.0–10.0.255.255 ports 1024–65535`. */
export function describeRect(r: Rect): string {
  const addrs = r.addrLo === r.addrHi ? formatIpv4(r.addrLo) : `${formatIpv4(r.addrLo)}–${formatIpv4(r.addrHi)}`;
  const ports = r.portLo === r.portHi ? `port ${r.portLo}` : `ports ${r.portLo}–${r.portHi}`;
  return `${addrs} ${ports}`;
}
