/**
 * `egress overlaps --input` reads a plainly written file straight into the engine's columns
 * (cli/lib/fleet-scan.ts). Whatever the file, the scan gives exactly the VPCs readFleetFile gives, or
 * nothing (and readFleetFile reads the file, to word the error); and the engine counts columns
 * exactly as it counts the same VPCs as objects.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OverlapIndex, type FleetColumns, type VpcCidrs } from '../../handlers/lib/cidr';
import { newParsedCidr, parseCidrFast, plainV4 } from '../../handlers/lib/cidr/fast-cidr';
import { FLEET_SHAPES } from '../../bench/lib/fleet-shapes';
import { readFleetFile } from '../../cli/lib/fleet-file';
import { scanFleetFile } from '../../cli/lib/fleet-scan';
import { layout, pieceBytes } from './helpers/fleet-file-layouts';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'fleet-scan-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
const write = (bytes: Buffer | string) => {
  const path = join(dir, `f${files++}.json`);
  writeFileSync(path, bytes);
  return path;
};

/** The columns as VpcCidrs, each VPC's CIDRs sorted (the scan keeps IPv4 blocks apart from texts). */
function entriesOf(columns: FleetColumns): VpcCidrs[] {
  const cidrs = columns.vpcIds.map((): string[] => []);
  for (let k = 0; k < columns.v4Count; k++) {
    const a = columns.v4Start[k];
    cidrs[columns.v4In[k]].push(`${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}/${columns.v4Prefix[k]}`);
  }
  columns.texts.forEach((text, k) => cidrs[columns.textIn[k]].push(text));
  return columns.vpcIds.map((vpcId, i) => ({ vpcId, account: columns.accounts[i], region: columns.regions[i], cidrs: cidrs[i].sort() }));
}

const sortedCidrs = (vpcs: VpcCidrs[]) => vpcs.map((vpc) => ({ ...vpc, cidrs: [...vpc.cidrs].sort() }));

/** Text a plain fleet file holds, and text that troubles a reader: escapes, quotes, braces, non-ASCII, controls. */
const plain = fc.string({ unit: fc.constantFrom('a', 'v', 'p', 'c', '-', '0', '1', '9', '.', '/', ':', ' ', '}', ']', ','), maxLength: 20 });
const tricky = fc.string({ unit: fc.constantFrom('a', '0', '}', '{', ',', '[', ']', '"', '\\', ' ', '\n', 'é', '😀', '\u0000', '\u007f'), maxLength: 8 });
const cidr = fc.oneof(
  fc.tuple(fc.nat(255), fc.nat(255), fc.integer({ min: 8, max: 32 })).map(([a, b, p]) => `10.${a}.${b}.0/${p}`),
  fc.tuple(fc.nat(0xffff), fc.integer({ min: 32, max: 128 })).map(([g, p]) => `2600:${g.toString(16)}::/${p}`),
  fc.constantFrom('10.0.0.0/16', '10.0.0.1/16', '010.0.0.0/16', '10.0.0.0/016', '10.0.0.0/33', '10.0.0.0', '::/0', 'fd00::/8', '10.0.0.0/00'),
  plain,
);
const entry = (text: fc.Arbitrary<string>, cidrText: fc.Arbitrary<string>) => fc.record({
  vpcId: text,
  account: fc.option(fc.constantFrom('111111111111', '222222222222', ''), { nil: undefined }),
  region: fc.option(fc.oneof(fc.constantFrom('eu-west-1', 'us-east-1'), text), { nil: undefined }),
  cidrs: fc.array(cidrText, { maxLength: 6 }),
}, { requiredKeys: ['vpcId', 'cidrs'] });

function readOrError(path: string): VpcCidrs[] | Error {
  try { return readFleetFile(path); } catch (error) { return error as Error; }
}

describe('scanFleetFile', () => {
  test('gives the VPCs readFleetFile gives, or nothing, for any file (tricky strings, other values, repeats)', () => {
    const array = fc.array(fc.oneof({ weight: 6, arbitrary: entry(tricky, cidr) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) }), { maxLength: 20 });
    let scannedFiles = 0;
    fc.assert(fc.property(array, layout, pieceBytes, (value, format, piece) => {
      const path = write(Buffer.from(format(value), 'utf8'));
      const scanned = scanFleetFile(path, piece);
      if (scanned === undefined) return;
      scannedFiles++;
      const read = readOrError(path);
      expect(read).not.toBeInstanceOf(Error);
      expect(entriesOf(scanned)).toEqual(sortedCidrs(read as VpcCidrs[]));
    }), { numRuns: 500 });
    // Not only files the scan gives up on: the property above must have been tested.
    expect(scannedFiles).toBeGreaterThan(20);
  });

  test('reads every plainly written fleet file with distinct vpcIds, whatever the layout, piece size and room made ahead', () => {
    const fleet = fc.uniqueArray(entry(plain.filter((id) => id.length > 0), cidr), { selector: (vpc) => vpc.vpcId, maxLength: 40 });
    fc.assert(fc.property(fleet, layout, pieceBytes, fc.constantFrom(1, 3, 1 << 22), (value, format, piece, slots) => {
      const path = write(format(value));
      const scanned = scanFleetFile(path, piece, slots);
      expect(scanned).toBeDefined();
      expect(entriesOf(scanned!)).toEqual(sortedCidrs(JSON.parse(format(value))));
    }), { numRuns: 300 });
  });

  test('gives nothing for a file cut anywhere or with a byte changed, unless it still reads as the same kind of file', () => {
    const fleet = fc.uniqueArray(entry(plain.filter((id) => id.length > 0), cidr), { selector: (vpc) => vpc.vpcId, minLength: 1, maxLength: 12 });
    fc.assert(fc.property(fleet, layout, pieceBytes, fc.nat(), fc.integer({ min: 0, max: 255 }), (value, format, piece, at, byte) => {
      const whole = Buffer.from(format(value), 'utf8');
      const cut = whole.subarray(0, at % whole.length);
      const changed = Buffer.from(whole);
      changed[at % whole.length] = byte;
      for (const bytes of [cut, changed]) {
        const path = write(bytes);
        const scanned = scanFleetFile(path, piece);
        const read = readOrError(path);
        if (read instanceof Error) expect(scanned).toBeUndefined();
        else if (scanned !== undefined) expect(entriesOf(scanned)).toEqual(sortedCidrs(read));
      }
    }), { numRuns: 300 });
  });

  test.each<[string, string]>([
    ['an escape in a string', '[{"vpcId":"vpc-\\u0031","cidrs":[]}]'],
    ['a non-ASCII byte', '[{"vpcId":"vpc-é","cidrs":[]}]'],
    ['a number', '[{"vpcId":"vpc-1","cidrs":[7]}]'],
    ['null', '[{"vpcId":"vpc-1","account":null,"cidrs":[]}]'],
    ['an unknown key', '[{"vpcId":"vpc-1","cidr":[],"cidrs":[]}]'],
    ['a repeated key', '[{"vpcId":"vpc-1","vpcId":"vpc-2","cidrs":[]}]'],
    ['an empty vpcId', '[{"vpcId":"","cidrs":[]}]'],
    ['no cidrs', '[{"vpcId":"vpc-1"}]'],
    ['a vpcId listed twice', '[{"vpcId":"vpc-1","cidrs":[]},{"vpcId":"vpc-1","cidrs":["10.0.0.0/16"]}]'],
    ['a trailing comma', '[{"vpcId":"vpc-1","cidrs":["10.0.0.0/16",]}]'],
    ['an object, not an array', '{"vpcId":"vpc-1","cidrs":[]}'],
    ['a byte-order mark', '\ufeff[]'],
    ['text after the array', '[] x'],
    ['nothing', ''],
  ])('%s: nothing, so that readFleetFile reads (or words) it', (_name, text) => {
    expect(scanFleetFile(write(text))).toBeUndefined();
  });

  test('a missing file: nothing, so that readFleetFile words the error', () => {
    expect(scanFleetFile(join(dir, 'missing.json'))).toBeUndefined();
  });

  test('an empty fleet, and account and region strings shared between VPCs', () => {
    expect(entriesOf(scanFleetFile(write(' [ ] '))!)).toEqual([]);
    const scanned = scanFleetFile(write(JSON.stringify([
      { vpcId: 'vpc-1', account: '111111111111', region: 'eu-west-1', cidrs: ['10.0.0.0/16'] },
      { region: 'eu-west-1', cidrs: ['2600:1f18::/56', '10.1.0.0/16'], vpcId: 'vpc-2', account: '111111111111' },
    ])))!;
    expect(entriesOf(scanned)).toEqual([
      { vpcId: 'vpc-1', account: '111111111111', region: 'eu-west-1', cidrs: ['10.0.0.0/16'] },
      { vpcId: 'vpc-2', account: '111111111111', region: 'eu-west-1', cidrs: ['10.1.0.0/16', '2600:1f18::/56'] },
    ]);
    expect(scanned.texts).toEqual(['2600:1f18::/56']);
  });
});

describe('plainV4', () => {
  test('reads exactly the IPv4 blocks the engine\'s fast parser reads from text, to the same block', () => {
    const parsed = newParsedCidr();
    const text = fc.oneof(
      fc.string({ unit: fc.constantFrom('0', '1', '2', '5', '9', '.', '/', ':', 'a'), maxLength: 20 }),
      fc.tuple(fc.nat(300), fc.nat(255), fc.nat(255), fc.nat(256), fc.nat(40)).map(([a, b, c, d, p]) => `${a}.${b}.${c}.${d}/${p}`),
      // Zeros in front of a part, or a part of four digits.
      fc.tuple(fc.array(fc.nat(255), { minLength: 5, maxLength: 5 }), fc.nat(4), fc.constantFrom('0', '00', '1')).map(([parts, at, pad]) => {
        const text = parts.map((part, i) => (i === at ? `${pad}${part}` : `${part % (i === 4 ? 33 : 256)}`));
        return `${text.slice(0, 4).join('.')}/${text[4]}`;
      }),
    );
    fc.assert(fc.property(text, (value) => {
      const block = plainV4(Buffer.from(value, 'latin1'), 0, value.length);
      const fast = parseCidrFast(value, parsed) && parsed.family === 4;
      expect(block >= 0).toBe(fast);
      if (fast) expect([Math.floor(block / 64), block % 64]).toEqual([parsed.words[3], parsed.prefix]);
    }), { numRuns: 3000 });
  });
});

describe('OverlapIndex on columns', () => {
  test('counts, peers and block texts as for the same VPCs as objects, on every benchmark fleet shape', () => {
    for (const shape of FLEET_SHAPES) {
      const fleet = shape.generate(600, 11);
      const path = write(JSON.stringify(fleet));
      const fromObjects = new OverlapIndex(readFleetFile(path)).analyze({ detailFor: 'all', limit: 5 });
      // Read with room for every CIDR (the engine takes the arrays over) and with little (it copies them).
      for (const slots of [undefined, 1]) {
        const columns = scanFleetFile(path, undefined, slots);
        expect(columns).toBeDefined();
        expect(new OverlapIndex(columns!).analyze({ detailFor: 'all', limit: 5 })).toEqual(fromObjects);
      }
    }
  });

  test('an invalid CIDR is named as for objects: the first of the input, with its VPC', () => {
    const fleet = [
      { vpcId: 'vpc-a', cidrs: ['10.0.0.0/16', '2600:1f18::/56'] },
      { vpcId: 'vpc-b', cidrs: ['10.1.0.0/16', '10.2.0.1/16', 'fd00::1/8'] },
      { vpcId: 'vpc-c', cidrs: ['nonsense'] },
    ];
    const path = write(JSON.stringify(fleet));
    const message = (run: () => unknown) => { try { run(); } catch (error) { return (error as Error).message; } return 'no error'; };
    const expected = message(() => new OverlapIndex(fleet));
    expect(expected).toContain('vpc-b');
    expect(expected).toContain('10.2.0.1/16');
    expect(message(() => new OverlapIndex(scanFleetFile(path)!))).toBe(expected);
  });
});
