/**
 * IPv4/IPv6 address text <-> BigInt, hand-written so that parsing is strict (no octal-looking
 * octets, no zone IDs, no whitespace) and so that the engine stays synchronous and CommonJS-friendly
 * (cidr-tools is ESM-only and lenient). Returns undefined on malformed text; callers name the value.
 */

export type Family = 4 | 6;
export const ADDRESS_BITS: Record<Family, number> = { 4: 32, 6: 128 };

const HEXTET = /^[0-9a-fA-F]{1,4}$/;

/**
 * Dotted quad → number, or undefined. A character loop rather than split + regex: fleets have
 * tens of thousands of distinct IPv4 blocks and this is the hot path of the engine's parse.
 */
export function parseIpv4(text: string): number | undefined {
  let value = 0;
  let octets = 0;
  let i = 0;
  while (i <= text.length) {
    const first = i;
    let octet = 0;
    for (; i < text.length; i++) {
      const digit = text.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) break;
      octet = octet * 10 + digit;
    }
    const digits = i - first;
    // 1-3 digits, no leading zero (it would read as octal elsewhere), at most 255.
    if (digits === 0 || digits > 3 || (digits > 1 && text.charCodeAt(first) === 48) || octet > 255) return undefined;
    value = value * 256 + octet;
    octets++;
    if (i === text.length) break;
    if (text.charCodeAt(i) !== 46 || octets === 4) return undefined;
    i++;
  }
  return octets === 4 ? value : undefined;
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
  // One BigInt from one 32-digit hex string: far cheaper than shifting in eight hextets.
  let hex = '';
  for (const hextet of head) { if (!HEXTET.test(hextet)) return undefined; hex += hextet.padStart(4, '0'); }
  hex += '0000'.repeat(width - given);
  for (const hextet of tail) { if (!HEXTET.test(hextet)) return undefined; hex += hextet.padStart(4, '0'); }
  if (v4Tail !== undefined) hex += v4Tail.toString(16).padStart(8, '0');
  return BigInt(`0x${hex}`);
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
