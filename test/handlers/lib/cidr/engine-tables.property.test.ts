import fc from 'fast-check';
import { buildFleet } from '../../../../handlers/lib/cidr/fleet';
import { ProfileTable } from '../../../../handlers/lib/cidr/profile-table';
import { ipv4SweepOrder, ipv6SweepOrder } from '../../../../handlers/lib/cidr/radix-order';

const v4 = (n: number, prefix: number) => `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}/${prefix}`;
/** A valid IPv4 block anywhere in the 32-bit space (host bits cleared). */
const blockArb = fc.tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 32 }))
  .map(([n, prefix]) => ({ start: prefix === 0 ? 0 : (n - (n % 2 ** (32 - prefix))) >>> 0, prefix }));

describe('overlap engine building blocks', () => {
  test('IPv4 sweep order is a stable sort by (start, prefix), over the whole address space', () => {
    fc.assert(fc.property(fc.array(fc.oneof(blockArb, fc.constantFrom({ start: 0x0a000000, prefix: 16 }, { start: 0x0a000000, prefix: 8 })), { maxLength: 300 }), (blocks) => {
      const start = Uint32Array.from(blocks, (b) => b.start);
      const prefix = Uint8Array.from(blocks, (b) => b.prefix);
      const expected = blocks.map((_, i) => i).sort((a, b) => start[a] - start[b] || prefix[a] - prefix[b] || a - b);
      expect(Array.from(ipv4SweepOrder(start, prefix, blocks.length))).toEqual(expected);
    }), { numRuns: 300 });
  });

  test('IPv6 sweep order is a stable sort by (four words, prefix), constant digits skipped or not', () => {
    const word = fc.oneof(fc.constantFrom(0, 0x26001f18, 0xffffffff, 0x10000, 0xffff), fc.integer({ min: 0, max: 0xffffffff }));
    const entry = fc.tuple(fc.tuple(word, word, word, word), fc.constantFrom(0, 56, 64, 128, 1));
    fc.assert(fc.property(fc.array(entry, { maxLength: 200 }), (entries) => {
      const words = Uint32Array.from(entries.flatMap(([w]) => w));
      const prefix = Uint8Array.from(entries, ([, p]) => p);
      const key = (i: number) => [...words.subarray(i * 4, i * 4 + 4), prefix[i]];
      const expected = entries.map((_, i) => i).sort((a, b) => {
        const x = key(a), y = key(b);
        for (let k = 0; k < 5; k++) if (x[k] !== y[k]) return x[k] - y[k];
        return a - b;
      });
      expect(Array.from(ipv6SweepOrder(words, prefix, entries.length))).toEqual(expected);
    }), { numRuns: 300 });
  });

  test('a VPC with many CIDR entries (repeats, any order) keeps each distinct block once, ascending', () => {
    fc.assert(fc.property(fc.array(blockArb, { minLength: 1, maxLength: 40 }), fc.array(fc.nat(39), { maxLength: 40 }), (blocks, repeats) => {
      const cidrs = [...blocks, ...repeats.map((r) => blocks[r % blocks.length])].map((b) => v4(b.start, b.prefix));
      const fleet = buildFleet([{ vpcId: 'vpc-many', cidrs }, { vpcId: 'vpc-one', cidrs: [cidrs[0]] }]);
      const distinct = new Set(blocks.map((b) => `${b.start}/${b.prefix}`)).size;
      const nodes = fleet.vpcs[0].nodes;
      expect(nodes).toHaveLength(distinct);
      expect([...nodes].sort((a, b) => a - b)).toEqual(nodes);
      expect(new Set(nodes.map((x) => fleet.forest.text(x))).size).toBe(distinct);
      expect(fleet.vpcs[1].nodes).toEqual([fleet.vpcs[0].nodes.find((x) => fleet.forest.text(x) === fleet.forest.text(fleet.vpcs[1].nodes[0]))]);
    }), { numRuns: 200 });
  });

  test('profile table: equal lists get one number, different lists different ones, across growth and hash collisions', () => {
    fc.assert(fc.property(fc.array(fc.array(fc.nat(5), { maxLength: 4 }), { maxLength: 200 }), (lists) => {
      // The lists as ranges of one flat array, as the VPCs' class lists are.
      const items = Int32Array.from(lists.flat());
      const table = new ProfileTable(items, 1); // starts tiny: grows many times
      let at = 0;
      const numbers = lists.map((list) => { const p = table.numberOf(at, list.length); at += list.length; return p; });
      const byText = new Map<string, number>();
      lists.forEach((list, i) => {
        const key = list.join(',');
        if (!byText.has(key)) byText.set(key, numbers[i]);
        expect(numbers[i]).toBe(byText.get(key));
        expect(table.list(numbers[i])).toEqual(list);
        expect(table.lengthOf(numbers[i])).toBe(list.length);
      });
      expect(table.count).toBe(byText.size);
    }), { numRuns: 200 });
  });
});
