/**
 * The `--input` file's hand-written entry check (fast at 100k entries) must accept exactly what the
 * zod schema accepts — the schema stays the reference and still words the error for a bad entry.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode, isVpcEntry, readFleetFile, vpcEntrySchema } from '../../cli/lib/fleet-file';

const schema = vpcEntrySchema();

/** Entries near the valid shape: each field right, wrong, missing or extra. */
const nearEntry = fc.record(
  {
    vpcId: fc.oneof(fc.constant('vpc-1'), fc.constant(''), fc.integer(), fc.constant(null)),
    account: fc.oneof(fc.constant('111111111111'), fc.constant(null), fc.integer(), fc.constant(undefined)),
    region: fc.oneof(fc.constant('eu-west-1'), fc.constant(null), fc.boolean(), fc.constant(undefined)),
    cidrs: fc.oneof(fc.array(fc.constant('10.0.0.0/16'), { maxLength: 3 }), fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxLength: 3 }), fc.constant('10.0.0.0/16')),
    cidr: fc.array(fc.string(), { maxLength: 1 }),
    __proto__: fc.constant('x'),
  },
  { requiredKeys: [] },
);

describe('isVpcEntry', () => {
  test('agrees with the zod schema on near-valid entries', () => {
    fc.assert(fc.property(nearEntry, (entry) => {
      expect(isVpcEntry(entry)).toBe(schema.safeParse(entry).success);
    }), { numRuns: 2000 });
  });

  test('agrees with the zod schema on any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      expect(isVpcEntry(value)).toBe(schema.safeParse(value).success);
    }), { numRuns: 1000 });
  });

  test.each<[string, unknown, boolean]>([
    ['minimal', { vpcId: 'vpc-1', cidrs: [] }, true],
    ['every field', { vpcId: 'vpc-1', account: '1', region: 'r', cidrs: ['10.0.0.0/16'] }, true],
    ['JSON null account', { vpcId: 'vpc-1', account: null, cidrs: [] }, false],
    ['a "__proto__" key from JSON.parse', JSON.parse('{"vpcId":"vpc-1","cidrs":[],"__proto__":{}}'), false],
    ['an array', [], false],
  ])('%s', (_name, entry, valid) => {
    expect(isVpcEntry(entry)).toBe(valid);
    expect(schema.safeParse(entry).success).toBe(valid);
  });
});

describe('readFleetFile', () => {
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'fleet-file-')); });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('a 100k-VPC file reads in well under a second, entries as written', () => {
    const fleet = Array.from({ length: 100_000 }, (_, i) => ({ vpcId: `vpc-${i.toString(16).padStart(17, '0')}`, account: '111111111111', cidrs: [`10.${(i >> 8) & 255}.${i & 255}.0/24`] }));
    const path = join(dir, 'fleet.json');
    writeFileSync(path, JSON.stringify(fleet));
    const cpu0 = process.cpuUsage();
    const read = readFleetFile(path);
    const cpu = process.cpuUsage(cpu0);
    expect(read).toHaveLength(fleet.length);
    for (const i of [0, 1, 54_321, fleet.length - 1]) expect(read[i]).toEqual(fleet[i]);
    // Generous for a shared machine; the zod version took ~0.5 s of CPU for the validation alone.
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(2_000);
  });

  test('a bad entry is still named with its index and field', () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify([{ vpcId: 'vpc-1', cidrs: [] }, { vpcId: 'vpc-2', cidrs: ['10.0.0.0/16', 7] }]));
    expect(() => readFleetFile(path)).toThrow(`${path}: VPC vpc-2 (entry 1): "cidrs.1" must be string, got number 7`);
  });
});

describe('egress overlaps --input: file text', () => {
  test('ASCII and UTF-8 files read back the same text (vpcIds and tags may be non-ASCII)', () => {
    for (const text of ['[{"vpcId":"vpc-1","cidrs":["10.0.0.0/16"]}]', '[{"vpcId":"vpc-é—ü","cidrs":[]}]', '\ufeff[]', '']) {
      expect(decode(Buffer.from(text, 'utf8'))).toBe(text);
    }
  });
});
