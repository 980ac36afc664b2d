/**
 * Allocation-free CIDR parsing for the overlap engine's hot path: plain numbers, no BigInt, no
 * CidrBlock. It accepts only the common spellings (dotted-quad IPv4, hex-and-`::` IPv6) and answers
 * `false` for anything else; the caller then asks the strict parser (block.ts) for the value or the
 * error, so what is valid and what each error says stay defined in one place.
 */
import { CidrBlock } from './block';

/** The last successful parse: IPv4 start in `words[3]`, IPv6 start as four 32-bit words, high first. */
export interface ParsedCidr {
  family: 4 | 6;
  prefix: number;
  readonly words: Uint32Array;
}

export function newParsedCidr(): ParsedCidr {
  return { family: 4, prefix: 0, words: new Uint32Array(4) };
}

/** Parse `text` into `out`; false when the fast path cannot decide (the strict parser must). */
export function parseCidrFast(text: string, out: ParsedCidr): boolean {
  if (typeof text !== 'string') return false;
  // IPv4 in one pass over the text (most entries); anything else is IPv6 or for the strict parser.
  if (parseV4(text, out)) return true;
  if (text.indexOf(':') < 0) return false;
  const slash = text.indexOf('/');
  if (slash < 0) return false;
  const prefix = parsePrefix(text, slash + 1);
  if (prefix < 0) return false;
  return parseV6(text, slash, prefix, out);
}

/** `0` or 1–3 digits without a leading zero, or -1. */
function parsePrefix(text: string, at: number): number {
  const digits = text.length - at;
  if (digits < 1 || digits > 3 || (digits > 1 && text.charCodeAt(at) === 48)) return -1;
  let value = 0;
  for (let i = at; i < text.length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/** `a.b.c.d/n`: four octets of 1–3 digits without leading zeros, then a prefix of at most 32. */
function parseV4(text: string, out: ParsedCidr): boolean {
  const n = text.length;
  let value = 0;
  let i = 0;
  for (let octets = 0; octets < 4; octets++) {
    const first = i;
    let octet = 0;
    for (; i < n && i - first < 4; i++) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      octet = octet * 10 + d;
    }
    const digits = i - first;
    if (digits === 0 || digits > 3 || (digits > 1 && text.charCodeAt(first) === 48) || octet > 255) return false;
    // Dots between octets, the slash after the last.
    if (i === n || text.charCodeAt(i) !== (octets === 3 ? 47 : 46)) return false;
    value = ((value << 8) | octet) >>> 0;
    i++;
  }
  const prefix = parsePrefix(text, i);
  // Host bits must be zero: shifted out by the prefix, nothing may remain (x << 32 would be x << 0).
  if (prefix < 0 || prefix > 32 || (prefix < 32 && value << prefix !== 0)) return false;
  out.family = 4;
  out.prefix = prefix;
  out.words[0] = out.words[1] = out.words[2] = 0;
  out.words[3] = value;
  return true;
}

/**
 * parseV4 on bytes buf[from … to) rather than text (the CLI reads files into columns with it,
 * cli/lib/fleet-scan.ts): the same rules, the block as address · 64 + prefix (exact in a double), or -1
 * for anything else, which the engine then parses from the text. A byte twin rather than one function
 * over both: parseV4 is the engine's hot loop, and a callback there would sit on every character.
 */
export function plainV4(buf: Uint8Array, from: number, to: number): number {
  let value = 0;
  let i = from;
  for (let octets = 0; octets < 4; octets++) {
    const first = i;
    let octet = 0;
    for (; i < to && i - first < 4; i++) {
      const d = buf[i] - 48;
      if (d < 0 || d > 9) break;
      octet = octet * 10 + d;
    }
    const digits = i - first;
    if (digits === 0 || digits > 3 || (digits > 1 && buf[first] === 48) || octet > 255) return -1;
    if (i === to || buf[i] !== (octets === 3 ? 0x2f : 0x2e)) return -1;
    value = ((value << 8) | octet) >>> 0;
    i++;
  }
  const digits = to - i;
  if (digits < 1 || digits > 2 || (digits > 1 && buf[i] === 48)) return -1;
  let prefix = 0;
  for (; i < to; i++) {
    const d = buf[i] - 48;
    if (d < 0 || d > 9) return -1;
    prefix = prefix * 10 + d;
  }
  if (prefix > 32 || (prefix < 32 && value << prefix !== 0)) return -1;
  return value * 64 + prefix;
}

const groups = new Uint16Array(8);

function parseV6(text: string, end: number, prefix: number, out: ParsedCidr): boolean {
  if (prefix > 128) return false;
  let count = 0;
  let gap = -1; // group index where `::` stands
  let i = 0;
  if (text.charCodeAt(0) === 58) {
    if (text.charCodeAt(1) !== 58) return false;
    gap = 0;
    i = 2;
    if (i === end) return finishV6(count, gap, prefix, out);
  }
  for (;;) {
    let value = 0;
    const first = i;
    for (; i < end && i - first < 5; i++) {
      const c = text.charCodeAt(i);
      const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
      if (d < 0) break;
      value = value * 16 + d;
    }
    const digits = i - first;
    if (digits === 0 || digits > 4 || count === 8) return false; // dotted tails and the rest: strict parser
    groups[count++] = value;
    if (i === end) break;
    if (text.charCodeAt(i) !== 58) return false;
    i++;
    if (text.charCodeAt(i) === 58) {
      if (gap >= 0) return false;
      gap = count;
      i++;
      if (i === end) break;
    }
  }
  return finishV6(count, gap, prefix, out);
}

function finishV6(count: number, gap: number, prefix: number, out: ParsedCidr): boolean {
  if (gap < 0 ? count !== 8 : count > 7) return false;
  const w = out.words;
  w[0] = w[1] = w[2] = w[3] = 0;
  const fill = 8 - count;
  for (let g = 0, k = 0; g < 8; g++) {
    const value = gap >= 0 && g >= gap && g < gap + fill ? 0 : groups[k++];
    w[g >> 1] |= (g & 1) === 0 ? value * 65536 : value;
  }
  // Host bits must be zero: each word's network bits shifted out leave nothing (bit operations, not %).
  for (let word = 0; word < 4; word++) {
    const keep = Math.min(32, Math.max(0, prefix - word * 32));
    if (keep < 32 && w[word] << keep !== 0) return false;
  }
  out.family = 6;
  out.prefix = prefix;
  return true;
}

/** A strictly parsed block in the same form as the fast path's. */
export function fromBlock(block: CidrBlock, out: ParsedCidr): void {
  out.family = block.family;
  out.prefix = block.prefix;
  for (let word = 0; word < 4; word++) out.words[word] = Number((block.start >> BigInt(96 - word * 32)) & 0xffffffffn);
}
