/**
 * The network ACL judgement is exact: for random ACLs over a small space, `firstDenial` finds a denial
 * exactly when a packet-by-packet evaluation (rule-number order, first match, `*` denies) finds one,
 * and what it names is really denied. https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html
 */
import fc from 'fast-check';
import { firstDenial, type AclEntry } from '../../../../handlers/lib/plan/reachability';
import { ipv4Range, rectOf, subtract, type Rect } from '../../../../handlers/lib/plan/traffic-space';

const SPACE = { cidr: '10.0.0.0/28', ports: { from: 1000, to: 1015 } };

const entryArb = fc.record({
  protocol: fc.constantFrom('6', '-1', '17'),
  ruleAction: fc.constantFrom('allow', 'deny'),
  last: fc.integer({ min: 0, max: 20 }),
  prefix: fc.integer({ min: 26, max: 32 }),
  from: fc.integer({ min: 990, max: 1020 }),
  span: fc.integer({ min: 0, max: 12 }),
});

type RawEntry = typeof entryArb extends fc.Arbitrary<infer T> ? T : never;

function toEntries(raw: RawEntry[]): AclEntry[] {
  return raw.map((r, i) => {
    const size = 2 ** (32 - r.prefix);
    const base = Math.floor(r.last / size) * size;
    return {
      ruleNumber: (i + 1) * 10, protocol: r.protocol, ruleAction: r.ruleAction, egress: false,
      cidrBlock: `10.0.0.${base}/${r.prefix}`, ...(r.protocol === '-1' ? {} : { portRange: { from: r.from, to: r.from + r.span } }),
    };
  });
}

/** One TCP packet from `addr` to `port`, judged as a network ACL does. */
function allows(entries: AclEntry[], addr: number, port: number): boolean {
  for (const e of [...entries].sort((a, b) => a.ruleNumber - b.ruleNumber)) {
    if (e.protocol === '17') continue;
    const range = ipv4Range(e.cidrBlock)!;
    const ports = e.portRange ?? { from: 0, to: 65535 };
    if (addr >= range.lo && addr <= range.hi && port >= ports.from && port <= ports.to) return e.ruleAction === 'allow';
  }
  return false;
}

test('firstDenial agrees with packet-by-packet evaluation', () => {
  const space = rectOf(SPACE.cidr, SPACE.ports)!;
  fc.assert(fc.property(fc.array(entryArb, { maxLength: 8 }), (raw) => {
    const entries = toEntries(raw);
    const denial = firstDenial(entries, [space]);
    let anyDenied = false;
    for (let a = space.addrLo; a <= space.addrHi && !anyDenied; a += 1) {
      for (let p = space.portLo; p <= space.portHi; p += 1) if (!allows(entries, a, p)) anyDenied = true;
    }
    expect(denial !== undefined).toBe(anyDenied);
    if (denial) expect(allows(entries, denial.rect.addrLo, denial.rect.portLo)).toBe(false);
  }), { numRuns: 300 });
});

test('subtract leaves disjoint pieces covering exactly a minus b', () => {
  const rect = fc.record({ a: fc.integer({ min: 0, max: 15 }), b: fc.integer({ min: 0, max: 15 }), c: fc.integer({ min: 0, max: 15 }), d: fc.integer({ min: 0, max: 15 }) })
    .map(({ a, b, c, d }): Rect => ({ addrLo: Math.min(a, b), addrHi: Math.max(a, b), portLo: Math.min(c, d), portHi: Math.max(c, d) }));
  const inside = (r: Rect, x: number, y: number) => x >= r.addrLo && x <= r.addrHi && y >= r.portLo && y <= r.portHi;
  fc.assert(fc.property(rect, rect, (a, b) => {
    const pieces = subtract(a, b);
    const wrong: string[] = [];
    for (let x = 0; x <= 15; x += 1) {
      for (let y = 0; y <= 15; y += 1) {
        const count = pieces.filter((p) => inside(p, x, y)).length;
        if (count !== (inside(a, x, y) && !inside(b, x, y) ? 1 : 0)) wrong.push(`${x},${y}`);
      }
    }
    expect(wrong).toEqual([]);
  }), { numRuns: 300 });
});
