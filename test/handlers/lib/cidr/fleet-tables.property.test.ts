/**
 * The fleet and its local classes against brute force: VPCs merged by vpcId whatever the input
 * order, each VPC's distinct blocks, and local classes that relate exactly the VPC pairs whose
 * blocks share an address. The flat (typed-array) views must say what the array views say.
 */
import fc from 'fast-check';
import { parseCidr, VpcCidrs } from '../../../../handlers/lib/cidr';
import { buildFleet } from '../../../../handlers/lib/cidr/fleet';
import { buildClassTables } from '../../../../handlers/lib/cidr/local-class-tables';
import { LocalClasses } from '../../../../handlers/lib/cidr/local-classes';

const v4 = (n: number, prefix: number) => `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}/${prefix}`;
/** Blocks that collide often: a few /16s, nested blocks near their start, and some IPv6 spellings. */
const cidrArb = fc.oneof(
  fc.tuple(fc.constantFrom(0x0a000000, 0x0a010000, 0xac1f0000), fc.integer({ min: 16, max: 28 }), fc.nat(3))
    .map(([base, prefix, slot]) => v4(base + slot * 2 ** (32 - prefix), prefix)),
  fc.constantFrom('10.0.0.0/8', '0.0.0.0/0', '2600:1f18::/56', '2600:1F18:0:0::/56', '2600:1f18:0:100::/56', '2600:1f18::/40'),
);
const entryArb = fc.record({
  vpcId: fc.constantFrom('vpc-a', 'vpc-b', 'vpc-c', 'vpc-d', 'vpc-e', 'vpc-f', 'vpc-g'),
  account: fc.option(fc.constantFrom('111111111111', '222222222222'), { nil: undefined }),
  region: fc.option(fc.constantFrom('us-east-1', 'eu-west-1'), { nil: undefined }),
  cidrs: fc.array(cidrArb, { maxLength: 4 }),
});
const fleetArb = fc.oneof(
  fc.array(entryArb, { maxLength: 14 }),
  // Strictly ascending vpcIds, no repeats: the path that needs no sort.
  fc.array(entryArb, { maxLength: 7 }).map((entries) => entries.map((e, i) => ({ ...e, vpcId: `vpc-${i}` }))),
);

const range = (text: string) => { const b = parseCidr(text); return { family: b.family, start: b.start, end: b.end }; };

describe('fleet and local classes', () => {
  test('VPCs are merged by vpcId in order of first appearance, with the union of their distinct blocks', () => {
    fc.assert(fc.property(fleetArb, (input: VpcCidrs[]) => {
      const fleet = buildFleet(input);
      const ids = [...new Set(input.map((e) => e.vpcId))];
      expect(fleet.vpcs.map((v) => v.vpcId)).toEqual(ids);
      expect(Array.from(fleet.rankOrder, (v) => fleet.vpcs[v].vpcId)).toEqual([...ids].sort());
      fleet.vpcs.forEach((vpc, v) => {
        const entries = input.filter((e) => e.vpcId === vpc.vpcId);
        expect(vpc.account).toBe(entries.find((e) => e.account !== undefined)?.account);
        expect(vpc.region).toBe(entries.find((e) => e.region !== undefined)?.region);
        const texts = new Set(entries.flatMap((e) => e.cidrs.map((c) => parseCidr(c).text)));
        expect(vpc.nodes.map((x) => fleet.forest.text(x)).sort()).toEqual([...texts].sort());
        expect([...vpc.nodes].sort((a, b) => a - b)).toEqual(vpc.nodes);
        expect(Array.from(fleet.nodeList.subarray(fleet.nodeStart[v], fleet.nodeStart[v + 1]))).toEqual(vpc.nodes);
      });
    }), { numRuns: 300 });
  });

  test('local classes relate exactly the VPC pairs that overlap, and the flat views match the lists', () => {
    fc.assert(fc.property(fleetArb, (input: VpcCidrs[]) => {
      const fleet = buildFleet(input);
      const local = new LocalClasses(fleet, Array.from(fleet.rankOrder));
      const { nodes, ofVpc, componentOf } = local;
      expect(nodes).toHaveLength(local.count);
      for (let c = 0; c < local.count; c++) {
        expect(Array.from(local.classBlocks.subarray(local.classStart[c], local.classStart[c + 1]))).toEqual(nodes[c]);
        expect(local.classBlock[c]).toBe(nodes[c].length === 1 ? nodes[c][0] : -1);
        expect(local.componentOfClass[c]).toBe(componentOf[c]);
        for (const x of nodes[c]) expect(fleet.forest.component[x]).toBe(componentOf[c]);
        for (let a = 0; a < local.count; a++) expect(local.adjacent(c).includes(a)).toBe(local.related(c, a));
      }
      fleet.vpcs.forEach((_, v) => {
        expect(Array.from(local.vpcClassList.subarray(local.vpcClassStart[v], local.vpcClassStart[v + 1]))).toEqual(ofVpc[v]);
        ofVpc[v].forEach((c) => expect(local.members[c]).toContain(v));
      });
      // Brute force: two VPCs overlap iff some pair of their blocks shares an address.
      const blocks = fleet.vpcs.map((vpc) => vpc.nodes.map((x) => range(fleet.forest.text(x))));
      for (let u = 0; u < fleet.vpcs.length; u++) {
        for (let v = u + 1; v < fleet.vpcs.length; v++) {
          const overlap = blocks[u].some((x) => blocks[v].some((y) => x.family === y.family && x.start <= y.end && y.start <= x.end));
          const related = ofVpc[u].some((a) => ofVpc[v].some((c) => local.related(a, c)));
          expect(related).toBe(overlap);
        }
      }
    }), { numRuns: 300 });
  });

  test('a local class is one set of blocks: each VPC\'s blocks per live component, equal sets one class, even when the table collides', () => {
    fc.assert(fc.property(fleetArb, fc.constantFrom(1, 2, 1024), (input: VpcCidrs[], initialSlots) => {
      const fleet = buildFleet(input);
      const t = buildClassTables(fleet, fleet.rankOrder, initialSlots);
      const blocksOf = (c: number) => Array.from(t.blocks.subarray(t.start[c], t.start[c + 1])).join(',');
      const classOf = new Map<string, number>();
      for (let c = 0; c < t.count; c++) {
        expect(classOf.has(blocksOf(c))).toBe(false);
        classOf.set(blocksOf(c), c);
      }
      const { component } = fleet.forest;
      const owners = (comp: number) => fleet.vpcs.filter((vpc) => vpc.nodes.some((x) => component[x] === comp)).length;
      fleet.vpcs.forEach((vpc, v) => {
        const comps = [...new Set(vpc.nodes.map((x) => component[x]))].filter((comp) => owners(comp) >= 2);
        const expected = comps.map((comp) => classOf.get(vpc.nodes.filter((x) => component[x] === comp).join(',')));
        expect(Array.from(t.vpcList.subarray(t.vpcStart[v], t.vpcStart[v + 1]))).toEqual(expected);
      });
    }), { numRuns: 300 });
  });
});
