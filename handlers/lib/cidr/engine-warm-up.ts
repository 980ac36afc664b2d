import type { CountTuning } from './overlap-counts';
import type { VpcCidrs } from './fleet';

/**
 * The warm-up's fleet (kept-shapes.ts says why): by hand, the cases a generated fleet may miss — a
 * class of two blocks in one component, nested and repeated blocks, IPv6 /56s, a VPC listed twice,
 * blocks outside 10/8 — then GENERATED_VPCS at the CIDR quota over 8 shared /16s, the same every
 * time. Their buckets of component pairs hold about 90 members, so rows run to several words and use
 * all 32 bits of each: V8 then learns every path and value range a large count takes, where a
 * handful of VPCs left whole branches without feedback and most of it unallocated (a cold 100k count
 * deoptimized about 30 times more).
 */
const GENERATED_VPCS = 256;
const WARM_UP_FLEET: readonly VpcCidrs[] = [
  { vpcId: 'vpc-a', cidrs: ['10.0.0.0/16', '10.1.0.0/16', '10.2.0.0/24'] },
  { vpcId: 'vpc-b', cidrs: ['10.0.1.0/24', '10.1.2.0/24', '10.2.0.0/25'] },
  { vpcId: 'vpc-c', cidrs: ['10.0.2.0/24', '10.0.3.0/24', '10.1.0.0/20', '10.2.0.128/25'] },
  { vpcId: 'vpc-d', cidrs: ['10.0.0.0/16', '10.1.3.0/24', '2600:1f18:0:100::/56'] },
  { vpcId: 'vpc-e', cidrs: ['10.0.1.0/24', '10.1.2.0/24', '2600:1f18:0:100::/56'] },
  { vpcId: 'vpc-f', cidrs: ['10.0.2.0/24', '10.2.0.0/24'] },
  { vpcId: 'vpc-g', cidrs: ['192.168.0.0/24'] },
  { vpcId: 'vpc-a', cidrs: ['172.31.0.0/16'] },
  ...quotaVpcs(GENERATED_VPCS),
];

/** `count` VPCs of five blocks, each in its own one of 8 /16s (10.0–10.7), /16 to /24, from a fixed seed. */
function quotaVpcs(count: number): VpcCidrs[] {
  let seed = 7;
  // A linear congruential generator: any fixed sequence does, it only spreads the blocks.
  const below = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % n;
  return Array.from({ length: count }, (_, i) => {
    const roots = [0, 1, 2, 3, 4, 5, 6, 7];
    const cidrs: string[] = [];
    for (let k = 0; k < 5; k++) {
      const root = roots.splice(below(roots.length), 1)[0];
      const prefix = 16 + below(9);
      const address = (0x0a000000 | (root << 16)) + below(2 ** (prefix - 16)) * 2 ** (32 - prefix);
      cidrs.push(`10.${root}.${(address >>> 8) & 255}.${address & 255}/${prefix}`);
    }
    return { vpcId: `vpc-w${String(i).padStart(4, '0')}`, cidrs };
  });
}

/** The default path, and the paths with classes of their own: component pairs, pair queries. */
const WARM_UP_TUNINGS: readonly CountTuning[] = [{}, { method: 'components' }, { method: 'inclusion', pairQueryMinRows: 1 }];

/** Runs `count` (an OverlapIndex) on the warm-up fleet once per tuning, with a peer list, so each method's objects are made. */
export function warmUpEngine(count: (fleet: readonly VpcCidrs[], tuning: CountTuning) => { peers(v: number, limit: number): unknown }): void {
  for (const tuning of WARM_UP_TUNINGS) count(WARM_UP_FLEET, tuning).peers(0, 3);
}
