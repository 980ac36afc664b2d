/**
 * Seeded fleet generators for the overlap engine, each a differently shaped fleet of *valid* VPC
 * prefixes: IPv4 /16–/28 and IPv6 /56, as AWS allows them. "The allowed block size is between a /16
 * netmask (65,536 IP addresses) and /28 netmask (16 IP addresses)"; an Amazon-provided IPv6 block is
 * a fixed /56; a VPC has up to 5 IPv4 CIDR blocks by default (quota "IPv4 CIDR blocks per VPC") —
 * https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html and
 * https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html
 * Every VPC has an IPv4 block (a VPC cannot be IPv6-only); no VPC has two blocks that overlap
 * (AWS refuses an associated CIDR that overlaps the VPC's own).
 */
import type { VpcCidrs } from '../../handlers/lib/cidr';
import { mulberry32 } from '../../local/random';

export const MIN_VPC_PREFIX_V4 = 16;
export const MAX_VPC_PREFIX_V4 = 28;
export const VPC_PREFIX_V6 = 56;
/** Default quota of IPv4 CIDR blocks per VPC (primary + secondaries). */
export const MAX_V4_CIDRS_PER_VPC = 5;

/** Seeded fleets: the same seed, the same fleet. */
export const prng = mulberry32;

type Rnd = () => number;
const int = (rnd: Rnd, n: number) => Math.floor(rnd() * n);

export const v4 = (n: number, prefix: number) => `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}/${prefix}`;
/** A random aligned /prefix inside base/basePrefix. */
const inside = (rnd: Rnd, base: number, basePrefix: number, prefix: number) =>
  v4(base + int(rnd, 2 ** (prefix - basePrefix)) * 2 ** (32 - prefix), prefix);
const vpcPrefix = (rnd: Rnd, min = MIN_VPC_PREFIX_V4) => min + int(rnd, MAX_VPC_PREFIX_V4 - min + 1);

/** The index-th IPv6 /56 inside a /32 base such as 2600:1f18::/32. */
function v6Slash56(base32: number, index: number): string {
  const hi = (BigInt(base32 >>> 0) << 32n) | BigInt((index & 0xffffff) * 256);
  return `${hi.toString(16).padStart(16, '0').match(/.{4}/g)!.join(':')}::/56`;
}

const ACCOUNTS = 200;
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'];
function vpc(i: number, rnd: Rnd, cidrs: string[]): VpcCidrs {
  return { vpcId: `vpc-${i.toString(16).padStart(17, '0')}`, account: String(100000000000 + int(rnd, ACCOUNTS)), region: REGIONS[int(rnd, REGIONS.length)], cidrs };
}

/** Blocks a VPC may add without overlapping its own: drop any that overlap what it has. */
function disjointFrom(existing: string[], candidate: string): boolean {
  const range = (text: string) => {
    const [a, p] = text.split('/');
    const start = a.split('.').reduce((n, o) => n * 256 + Number(o), 0);
    return [start, start + 2 ** (32 - Number(p)) - 1];
  };
  if (candidate.includes(':')) return !existing.includes(candidate);
  const [s, e] = range(candidate);
  return existing.every((text) => text.includes(':') || (() => { const [s2, e2] = range(text); return e < s2 || e2 < s; })());
}

/** The engine's own benchmark fleet: half on a handful of defaults, the rest small blocks, some secondaries and /56s. */
export function mixedFleet(size: number, seed = 42): VpcCidrs[] {
  const rnd = prng(seed);
  const defaults = ['10.0.0.0/16', '10.0.0.0/16', '10.0.0.0/16', '172.31.0.0/16', '192.168.0.0/16', '10.1.0.0/16'];
  return Array.from({ length: size }, (_, i) => {
    const cidrs: string[] = [];
    const r = rnd();
    if (r < 0.5) cidrs.push(defaults[int(rnd, defaults.length)]);
    else if (r < 0.8) cidrs.push(inside(rnd, 0x0a000000, 8, 20 + int(rnd, 5)));
    else if (r < 0.93) cidrs.push(inside(rnd, 0xac100000, 12, 20 + int(rnd, 5)));
    else cidrs.push(inside(rnd, 0xc0a80000, 16, 24));
    if (rnd() < 0.2) {
      const extra = rnd() < 0.5 ? '100.64.0.0/16' : inside(rnd, 0x64400000, 10, 20);
      if (disjointFrom(cidrs, extra)) cidrs.push(extra);
    }
    if (rnd() < 0.33) cidrs.push(v6Slash56(0x26001f18, int(rnd, 2 ** 24)));
    return vpc(i, rnd, cidrs);
  });
}

/** The AWS default blocks (default VPC 172.31.0.0/16, the console and CDK 10.0.0.0/16, …). */
const DEFAULT_BLOCKS = [0xac1f0000, 0x0a000000, 0xc0a80000, 0x0a010000, 0x0a640000, 0xac100000];

/** Many VPCs on the AWS default /16s, the rest carved from /20–/28 pools nested inside those same /16s. */
export function defaultsWithNestedPools(size: number, seed = 1): VpcCidrs[] {
  const rnd = prng(seed);
  return Array.from({ length: size }, (_, i) => {
    const base = DEFAULT_BLOCKS[int(rnd, DEFAULT_BLOCKS.length)];
    const cidrs = [rnd() < 0.4 ? v4(base, 16) : inside(rnd, base, 16, 20 + int(rnd, 9))];
    if (rnd() < 0.25) {
      const extra = inside(rnd, DEFAULT_BLOCKS[int(rnd, DEFAULT_BLOCKS.length)], 16, 20 + int(rnd, 9));
      if (disjointFrom(cidrs, extra)) cidrs.push(extra);
    }
    return vpc(i, rnd, cidrs);
  });
}

/**
 * Deep nesting: every prefix /16…/28 inside a few /16s, near their start, so containment chains run
 * the full 13 levels and most blocks have many ancestors and descendants.
 */
export function deepNesting(size: number, seed = 2): VpcCidrs[] {
  const rnd = prng(seed);
  const roots = Array.from({ length: 16 }, (_, k) => 0x0a000000 + k * 0x10000);
  return Array.from({ length: size }, (_, i) => {
    const prefix = vpcPrefix(rnd);
    const root = roots[int(rnd, roots.length)];
    // A few slots per level: positions cluster so each block sits in a long chain.
    const slot = int(rnd, Math.min(2 ** (prefix - 16), 1 + (prefix - 16) * 3));
    return vpc(i, rnd, [v4(root + slot * 2 ** (32 - prefix), prefix)]);
  });
}

/** All-distinct: every VPC its own block, none overlapping (IPAM-planned fleets); nothing to report. */
export function allDistinct(size: number, seed = 3): VpcCidrs[] {
  const rnd = prng(seed);
  // /26-aligned slots across 10/8 (262,144 slots): a partial seeded shuffle takes `size` distinct ones.
  const slots = 2 ** 18;
  if (size > slots) throw new Error(`allDistinct holds at most ${slots} VPCs`);
  const order = new Uint32Array(slots);
  for (let k = 0; k < slots; k++) order[k] = k;
  for (let k = 0; k < size; k++) { const j = k + int(rnd, slots - k); const t = order[k]; order[k] = order[j]; order[j] = t; }
  return Array.from({ length: size }, (_, i) => {
    const prefix = 26 + int(rnd, 3);
    return vpc(i, rnd, [v4(0x0a000000 + order[i] * 64, prefix)]);
  });
}

/** IPv6 /56s: every VPC a distinct /56 from a few regional /32s (plus its IPv4 primary), some /56s shared (BYOIP reuse). */
export function ipv6Slash56(size: number, seed = 4): VpcCidrs[] {
  const rnd = prng(seed);
  const pools = [0x26001f18, 0x26001f14, 0x2a05d018, 0x24057c00];
  return Array.from({ length: size }, (_, i) => {
    const pool = pools[int(rnd, pools.length)];
    const index = rnd() < 0.1 ? int(rnd, 64) : i * 37 + int(rnd, 37);
    return vpc(i, rnd, [inside(rnd, 0x0a000000, 8, 24 + int(rnd, 5)), v6Slash56(pool, index)]);
  });
}

/**
 * The engine's worst case: every VPC at the quota of 5 IPv4 blocks, spread over many shared /16s with
 * nested blocks, so VPCs touch several live components in nearly unique combinations (the
 * inclusion–exclusion table holds 2^5 subsets per VPC) and local classes are mostly distinct.
 */
export function multiCidrCombos(size: number, seed = 5): VpcCidrs[] {
  const rnd = prng(seed);
  const roots = Array.from({ length: 64 }, (_, k) => 0x0a000000 + k * 0x10000);
  return Array.from({ length: size }, (_, i) => {
    const cidrs: string[] = [];
    for (let tries = 0; cidrs.length < MAX_V4_CIDRS_PER_VPC && tries < 20; tries++) {
      const root = roots[int(rnd, roots.length)];
      const candidate = rnd() < 0.05 ? v4(root, 16) : inside(rnd, root, 16, vpcPrefix(rnd, 18));
      if (disjointFrom(cidrs, candidate)) cidrs.push(candidate);
    }
    return vpc(i, rnd, cidrs);
  });
}

export interface FleetShape {
  name: string;
  describe: string;
  generate(size: number, seed?: number): VpcCidrs[];
}

export const FLEET_SHAPES: readonly FleetShape[] = [
  { name: 'mixed', describe: 'half on a few defaults, small blocks, secondaries, a third with /56s', generate: mixedFleet },
  { name: 'default-pools', describe: 'AWS default /16s plus nested /20–/28 pools', generate: defaultsWithNestedPools },
  { name: 'deep-nesting', describe: '/16…/28 chains inside 16 /16s', generate: deepNesting },
  { name: 'all-distinct', describe: 'every VPC its own /26–/28, no overlap', generate: allDistinct },
  { name: 'ipv6-56', describe: 'distinct /56s from 4 pools, 10% shared', generate: ipv6Slash56 },
  { name: 'multi-cidr', describe: '5 IPv4 blocks per VPC over 64 shared /16s (worst case)', generate: multiCidrCombos },
];
