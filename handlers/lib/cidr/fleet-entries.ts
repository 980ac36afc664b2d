/**
 * The fleet's CIDR entries as typed arrays, and the distinct blocks they name. Every hot loop is its
 * own small function: a long function entered once is optimized mid-loop (OSR) and then deoptimized
 * at the next loop for want of type feedback, and the CLI runs the engine once, cold.
 */
import { InvalidCidrError, parseCidr } from './block';
import { fromBlock, newParsedCidr, parseCidrFast, ParsedCidr } from './fast-cidr';
import { ipv4SweepOrder, ipv6SweepOrder } from './radix-order';
import type { FleetColumns, VpcCidrs } from './fleet';

/** A CIDR of a VPC is invalid. The message names both: `vpc-1: "10.0.0.1/16" has host bits set …`. */
export class InvalidVpcCidrError extends Error {
  readonly name = 'InvalidVpcCidrError';
  constructor(readonly vpcId: string, readonly value: string, readonly problem: string) {
    super(`${vpcId}: ${JSON.stringify(value)} ${problem}`);
  }
}

/**
 * One slot per CIDR entry, presized (IPv6 grown on demand: most fleets have few): growing arrays of
 * 100k+ numbers was much of the engine's GC. `In` is each entry's input index; `v6Text` an IPv6
 * entry's text, kept for the block's spelling (IPv4 is printed from the block). `cidrCount`: CIDRs
 * per input entry.
 */
export interface Entries {
  v4Start: Uint32Array; v4Prefix: Uint8Array; v4In: Int32Array; v4Count: number;
  v6Words: Uint32Array; v6Prefix: Uint8Array; v6In: Int32Array; v6Text: string[]; v6Count: number;
  cidrCount: Int32Array;
}

export function parseEntries(input: readonly VpcCidrs[]): Entries {
  const cidrCount = new Int32Array(input.length);
  const total = countEntries(input, cidrCount);
  const e = newEntries(total, cidrCount);
  const parsed = newParsedCidr();
  for (let i = 0; i < input.length; i++) {
    const cidrs = input[i].cidrs;
    for (let at = 0; at < cidrs.length; at++) addText(e, parsed, cidrs[at], i, input[i].vpcId, total);
  }
  return e;
}

/**
 * The entries of columns (see FleetColumns): their IPv4 blocks as read, then their texts parsed in
 * input order — the first invalid one is then the first of the input, as parseEntries finds it.
 */
export function columnEntries(columns: FleetColumns): Entries {
  const { vpcIds, v4Count, texts, textIn } = columns;
  const cidrCount = new Int32Array(vpcIds.length);
  for (let k = 0; k < v4Count; k++) cidrCount[columns.v4In[k]]++;
  for (let k = 0; k < texts.length; k++) cidrCount[textIn[k]]++;
  const total = v4Count + texts.length;
  // The columns' arrays are taken over when they have room for every CIDR (the CLI's reader makes it).
  const room = columns.v4Start.length >= total && columns.v4Prefix.length >= total && columns.v4In.length >= total;
  const e = newEntries(room ? 0 : total, cidrCount);
  if (room) {
    ({ v4Start: e.v4Start, v4Prefix: e.v4Prefix, v4In: e.v4In } = columns);
  } else {
    e.v4Start.set(columns.v4Start.subarray(0, v4Count));
    e.v4Prefix.set(columns.v4Prefix.subarray(0, v4Count));
    e.v4In.set(columns.v4In.subarray(0, v4Count));
  }
  e.v4Count = v4Count;
  const parsed = newParsedCidr();
  for (let k = 0; k < texts.length; k++) addText(e, parsed, texts[k], textIn[k], vpcIds[textIn[k]], total);
  return e;
}

function newEntries(total: number, cidrCount: Int32Array): Entries {
  return {
    v4Start: new Uint32Array(total), v4Prefix: new Uint8Array(total), v4In: new Int32Array(total), v4Count: 0,
    v6Words: new Uint32Array(0), v6Prefix: new Uint8Array(0), v6In: new Int32Array(0), v6Text: [], v6Count: 0,
    cidrCount,
  };
}

function countEntries(input: readonly VpcCidrs[], cidrCount: Int32Array): number {
  let total = 0;
  for (let i = 0; i < input.length; i++) total += cidrCount[i] = input[i].cidrs.length;
  return total;
}

/** One CIDR of entry i, parsed (by the strict parser when the fast one cannot decide: it names the error). */
function addText(e: Entries, parsed: ParsedCidr, text: string, i: number, vpcId: string, total: number): void {
  if (!parseCidrFast(text, parsed)) fromBlock(parseOrName(vpcId, text), parsed);
  if (parsed.family === 4) addV4(e, parsed, i); else addV6(e, parsed, i, text, total);
}

function addV4(e: Entries, parsed: ParsedCidr, i: number): void {
  const k = e.v4Count++;
  e.v4Start[k] = parsed.words[3];
  e.v4Prefix[k] = parsed.prefix;
  e.v4In[k] = i;
}

function addV6(e: Entries, parsed: ParsedCidr, i: number, text: string, total: number): void {
  if (e.v6Count === e.v6Prefix.length) growV6(e, total);
  const k = e.v6Count++;
  e.v6Words.set(parsed.words, k * 4);
  e.v6Prefix[k] = parsed.prefix;
  e.v6In[k] = i;
  e.v6Text.push(text);
}

function growV6(e: Entries, total: number): void {
  const size = Math.min(total, Math.max(1024, e.v6Prefix.length * 2));
  const words = new Uint32Array(size * 4); words.set(e.v6Words); e.v6Words = words;
  const prefix = new Uint8Array(size); prefix.set(e.v6Prefix); e.v6Prefix = prefix;
  const inAt = new Int32Array(size); inAt.set(e.v6In); e.v6In = inAt;
}

/** Block number of each entry: IPv4 in sweep order from 0, then IPv6; equal neighbours are one block. */
export function numberBlocks(e: Entries): { v4Id: Int32Array; v6Id: Int32Array; count: number } {
  const v4Id = new Int32Array(e.v4Count);
  const v4Blocks = numberV4(ipv4SweepOrder(e.v4Start, e.v4Prefix, e.v4Count), e.v4Start, e.v4Prefix, v4Id);
  const v6Id = new Int32Array(e.v6Count);
  const v6Blocks = e.v6Count > 0 ? numberV6(e.v6Words, e.v6Prefix, v4Blocks, v6Id) : 0;
  return { v4Id, v6Id, count: v4Blocks + v6Blocks };
}

function numberV4(order: Int32Array, start: Uint32Array, prefix: Uint8Array, id: Int32Array): number {
  let count = 0;
  for (let k = 0; k < order.length; k++) {
    const x = order[k];
    const p = k > 0 ? order[k - 1] : -1;
    if (k > 0 && (start[x] !== start[p] || prefix[x] !== prefix[p])) count++;
    id[x] = count;
  }
  return order.length > 0 ? count + 1 : 0;
}

function numberV6(words: Uint32Array, prefix: Uint8Array, first: number, id: Int32Array): number {
  const order = ipv6SweepOrder(words, prefix, id.length);
  let count = 0;
  for (let k = 0; k < order.length; k++) {
    if (k > 0 && compareV6(words, prefix, order[k - 1], order[k]) !== 0) count++;
    id[order[k]] = first + count;
  }
  return order.length > 0 ? count + 1 : 0;
}

function compareV6(words: Uint32Array, prefix: Uint8Array, a: number, b: number): number {
  for (let k = 0; k < 4; k++) {
    const d = words[a * 4 + k] - words[b * 4 + k];
    if (d !== 0) return d;
  }
  return prefix[a] - prefix[b];
}

export interface BlockArrays { family: Uint8Array; prefix: Uint8Array; words: Uint32Array; written: string[] }

/** The forest's arrays, and one spelling of each IPv6 block: its first entry's. */
export function describeBlocks(e: Entries, v4Id: Int32Array, v6Id: Int32Array, n: number): BlockArrays {
  // Texts are kept for IPv6 blocks only: without any, no array of n slots.
  const written = e.v6Count > 0 ? new Array<string>(n) : [];
  const out = { family: new Uint8Array(n), prefix: new Uint8Array(n), words: new Uint32Array(n * 4), written };
  describeV4(e, v4Id, out);
  if (e.v6Count > 0) describeV6(e, v6Id, out);
  return out;
}

/** No text kept for IPv4: the forest prints it from the block, and reading 500k entries' texts back cost more. */
function describeV4(e: Entries, id: Int32Array, out: BlockArrays): void {
  const { family, prefix, words } = out;
  for (let k = 0; k < e.v4Count; k++) {
    const b = id[k];
    if (family[b] !== 0) continue;
    family[b] = 4;
    prefix[b] = e.v4Prefix[k];
    words[b * 4 + 3] = e.v4Start[k];
  }
}

function describeV6(e: Entries, id: Int32Array, out: BlockArrays): void {
  const { family, prefix, words, written } = out;
  for (let k = 0; k < e.v6Count; k++) {
    const b = id[k];
    if (family[b] !== 0) continue;
    written[b] = e.v6Text[k];
    family[b] = 6;
    prefix[b] = e.v6Prefix[k];
    for (let j = 0; j < 4; j++) words[b * 4 + j] = e.v6Words[k * 4 + j];
  }
}

function parseOrName(vpcId: string, text: string) {
  try {
    return parseCidr(text);
  } catch (error) {
    if (error instanceof InvalidCidrError) throw new InvalidVpcCidrError(vpcId, error.value, error.problem);
    throw error;
  }
}
