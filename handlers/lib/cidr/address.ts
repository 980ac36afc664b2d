/**
 * IPv4/IPv6 address text <-> BigInt, hand-written so that parsing is strict (no octal-looking
 * octets, no zone IDs, no whitespace) and so that the engine stays synchronous and CommonJS-friendly
 * (cidr-tools is ESM-only and lenient). Returns undefined on malformed text; callers name the value.
 */

export type Family = 4 | 6;
export const ADDRESS_BITS: Record<Family, number> = { 4: 32, 6: 128 };

const OCTET = /^(0|[1-9][0-9]{0,2})$/;
const HEXTET = /^[0-9a-fA-F]{1,4}$/;

/** Dotted quad → number, or undefined. */
export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!OCTET.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

/** RFC 4291 text (with `::` and an optional dotted-quad tail) → BigInt, or undefined. */
export function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] === '' ? [] : halves[0].split(':');
  const tail = halves.length === 2 && halves[1] !== '' ? halves[1].split(':') : [];
  const groups = [...head, ...tail];
  // A trailing dotted quad stands for the last two groups (::ffff:192.0.2.1).
  const last = groups[groups.length - 1];
  let v4Tail: number | undefined;
  if (last !== undefined && last.includes('.')) {
    v4Tail = parseIpv4(last);
    if (v4Tail === undefined) return undefined;
    if (tail.length > 0) tail.pop(); else head.pop();
  }
  const width = 8 - (v4Tail === undefined ? 0 : 2);
  const given = head.length + tail.length;
  if (halves.length === 1 ? given !== width : given > width - 1) return undefined;
  const hextets = [...head, ...new Array<string>(width - given).fill('0'), ...tail];
  let value = 0n;
  for (const hextet of hextets) {
    if (!HEXTET.test(hextet)) return undefined;
    value = (value << 16n) | BigInt(parseInt(hextet, 16));
  }
  if (v4Tail !== undefined) value = (value << 32n) | BigInt(v4Tail);
  return value;
}

export function formatIpv4(value: bigint | number): string {
  const n = Number(value);
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** RFC 5952 canonical text: lower case, no leading zeros, longest run (≥2) of zero groups as `::`. */
export function formatIpv6(value: bigint): string {
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((value >> BigInt(i * 16)) & 0xffffn));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) { bestStart = i; bestLength = j - i; }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

export function formatAddress(family: Family, value: bigint): string {
  return family === 4 ? formatIpv4(value) : formatIpv6(value);
}
