/**
 * The sides of each component-pair bucket (ComponentPairSides): every member's maximal blocks in I
 * and in J, nothing else, in sweep order, members numbered by their first I entry — on the benchmark's multi-CIDR fleet, whose components hold
 * hundreds of blocks (the J side's radix sort then takes two byte passes), and on a small crowded one.
 */
import { buildFleet } from '../../../../handlers/lib/cidr/fleet';
import { LocalClasses } from '../../../../handlers/lib/cidr/local-classes';
import { NodeOwners } from '../../../../handlers/lib/cidr/node-owners';
import { ComponentPairBuckets } from '../../../../handlers/lib/cidr/component-pair-buckets';
import { ComponentPairSides } from '../../../../handlers/lib/cidr/component-pair-sides';
import { RECORD, vpcRecords } from '../../../../handlers/lib/cidr/vpc-records';
import type { VpcCidrs } from '../../../../handlers/lib/cidr';
import { multiCidrCombos } from '../../../../bench/lib/fleet-shapes';

/** Checks every bucket's sides; returns the largest J block offset from its root seen (sort passes: its bytes). */
function expectSides(input: VpcCidrs[]): number {
  const fleet = buildFleet(input);
  const local = new LocalClasses(fleet, fleet.rankOrder);
  const owners = new NodeOwners(fleet);
  const vpcCount = fleet.vpcs.length;
  const all = Array.from({ length: vpcCount }, (_, v) => v);
  const buckets = new ComponentPairBuckets(local, all);
  const records = vpcRecords(local.vpcClassStart, buckets.classInfo, all);
  const sides = new ComponentPairSides(local, buckets);
  const { groupStart, groups } = buckets.groups();
  const { subtreeEnd: end, vpcClassStart, vpcClassList, classStart, classBlocks, componentOfClass } = local;
  // A class's maximal blocks, the brute-force way.
  const maxima = (c: number) => {
    const blocks = Array.from(classBlocks.subarray(classStart[c], classStart[c + 1]));
    return blocks.filter((x) => !blocks.some((y) => y !== x && y < x && x < end[y]));
  };
  const rankOf = (c: number) => buckets.liveIndex[componentOfClass[c]];
  const classByRank = Array.from({ length: vpcCount }, (_, u) => new Map(Array.from(vpcClassList.subarray(vpcClassStart[u], vpcClassStart[u + 1]), (c) => [rankOf(c), c])));
  const maximaOf = new Map<number, number[]>();
  const holders = Array.from({ length: buckets.liveCount }, () => [] as number[]);
  classByRank.forEach((byRank, u) => { for (const rank of byRank.keys()) holders[rank].push(u); });
  const rootOf = (x: number) => { let r = x; while (local.parent[r] >= 0) r = local.parent[r]; return r; };
  let widest = 0;
  let checked = 0;
  for (let rank = 0; rank < buckets.liveCount; rank++) {
    if (groupStart[rank] === groupStart[rank + 1]) continue;
    sides.gather(rank, groups, groupStart[rank], groupStart[rank + 1], owners.table(), records);
    for (let l = 0; l < groupStart[rank + 1] - groupStart[rank]; l++) {
      const b = groups[groupStart[rank] + l];
      const expectedI: Array<[number, number]> = [];
      const expectedJ: Array<[number, number]> = [];
      for (const u of holders[buckets.rankI[b]]) {
        const ci = classByRank[u].get(buckets.rankI[b]);
        const cj = classByRank[u].get(buckets.rankJ[b]);
        if (ci === undefined || cj === undefined) continue;
        for (const x of maximaOf.get(ci) ?? maximaOf.set(ci, maxima(ci)).get(ci)!) expectedI.push([x, u]);
        for (const y of maximaOf.get(cj) ?? maximaOf.set(cj, maxima(cj)).get(cj)!) expectedJ.push([y, u]);
      }
      // Pairs name members; the bucket's member table names their VPCs, numbered by first I entry.
      const vpcOfMember = (idx: number) => sides.groupVpc[sides.memberOf[sides.memberStart[l] + idx]];
      const read = (pairs: Int32Array, from: number, to: number) => {
        const out: Array<[number, number]> = [];
        for (let p = from; p < to; p++) out.push([pairs[2 * p + 1], vpcOfMember(pairs[2 * p])]);
        return out;
      };
      const gotI = read(sides.pairsI, sides.startI[l], sides.startI[l + 1]);
      const gotJ = read(sides.pairsJ, sides.startJ[l], sides.startJ[l + 1]);
      const inSweepOrder = (got: Array<[number, number]>) => got.every((entry, k) => k === 0 || got[k - 1][0] <= entry[0]);
      expect([inSweepOrder(gotI), inSweepOrder(gotJ)]).toEqual([true, true]);
      // As text: jest's deep equality on hundreds of tuples per bucket, 2,000 buckets, took seconds.
      const sorted = (list: Array<[number, number]>) => list.map(([x, u]) => x * vpcCount + u).sort((p, q) => p - q).join(',');
      expect(sorted(gotI)).toBe(sorted(expectedI));
      expect(sorted(gotJ)).toBe(sorted(expectedJ));
      for (const [y] of gotJ) widest = Math.max(widest, y - rootOf(y));
      expect(buckets.members[b]).toBe(new Set(expectedI.map((e) => e[1])).size);
      const firstSeen = [...new Set(gotI.map((e) => e[1]))];
      expect(firstSeen.map((u, idx) => vpcOfMember(idx) === u).every(Boolean)).toBe(true);
      checked++;
    }
  }
  expect(checked).toBe(buckets.count);
  expect(records.length).toBe(RECORD * vpcCount);
  return widest;
}

describe('ComponentPairSides: each bucket\'s I and J sides', () => {
  test('multi-CIDR fleet, 6,000 VPCs over 64 shared /16s (components of ~470 blocks): every member\'s maximal blocks, in sweep order', () => {
    expect(expectSides(multiCidrCombos(6_000, 3))).toBeGreaterThan(255);
  });

  test('a crowded fleet: several blocks of one VPC in a component, nested and repeated blocks, a VPC listed twice', () => {
    expectSides([
      { vpcId: 'vpc-a', cidrs: ['10.0.0.0/24', '10.0.1.0/24', '172.31.0.0/16', '10.0.0.0/25'] },
      { vpcId: 'vpc-b', cidrs: ['10.0.0.0/16', '172.31.8.0/24', '192.168.0.0/16'] },
      { vpcId: 'vpc-c', cidrs: ['10.0.1.0/28', '172.31.8.0/24', '192.168.4.0/22', '172.31.200.0/24'] },
      { vpcId: 'vpc-a', cidrs: ['192.168.4.0/24'] },
      { vpcId: 'vpc-d', cidrs: ['10.0.3.0/24'] },
    ]);
  });
});
