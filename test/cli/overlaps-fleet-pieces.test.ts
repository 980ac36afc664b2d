/**
 * `--input` files are read in pieces (cli/lib/fleet-json.ts): whatever the file, the reader gives
 * exactly what JSON.parse of the whole decoded file gives, or nothing (and the whole file is read
 * again, to word the error). Small pieces here, so that cuts fall everywhere: inside strings that
 * hold `}`, in multi-byte characters, in elements longer than a piece.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode, firstDuplicate, readFleetFile } from '../../cli/lib/fleet-file';
import { readJsonArrayInPieces } from '../../cli/lib/fleet-json';
import { layout, pieceBytes } from './helpers/fleet-file-layouts';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'fleet-pieces-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
const write = (bytes: Buffer) => {
  const path = join(dir, `f${files++}.json`);
  writeFileSync(path, bytes);
  return path;
};

/** Strings made of the characters that trouble a reader cutting after `}`. */
const tricky = fc.string({ unit: fc.constantFrom('a', '7', '}', '{', ',', '[', ']', '"', '\\', ' ', '\n', 'é', '—', '😀', '\u0000'), maxLength: 12 });
const plain = fc.string({ unit: fc.constantFrom('a', 'v', 'p', 'c', '-', '0', '1', '.', '/'), maxLength: 20 });
const entry = (text: fc.Arbitrary<string>) => fc.record({
  vpcId: text,
  account: fc.option(text, { nil: undefined }),
  cidrs: fc.array(text, { maxLength: 6 }),
}, { requiredKeys: ['vpcId', 'cidrs'] });

describe('readJsonArrayInPieces', () => {
  test('gives JSON.parse of the whole file, or nothing, for any array (entries, other values, tricky strings)', () => {
    const array = fc.array(fc.oneof({ weight: 4, arbitrary: entry(tricky) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) }), { maxLength: 30 });
    fc.assert(fc.property(array, layout, pieceBytes, (value, format, piece) => {
      const bytes = Buffer.from(format(value), 'utf8');
      const read = readJsonArrayInPieces(write(bytes), piece);
      if (read !== undefined) expect(read).toEqual(JSON.parse(decode(bytes)));
    }), { numRuns: 400 });
  });

  test('reads every plainly written fleet file, whatever the layout and piece size', () => {
    fc.assert(fc.property(fc.array(entry(plain), { maxLength: 60 }), layout, pieceBytes, (value, format, piece) => {
      const bytes = Buffer.from(format(value), 'utf8');
      expect(readJsonArrayInPieces(write(bytes), piece)).toEqual(JSON.parse(bytes.toString('utf8')));
    }), { numRuns: 300 });
  });

  test('gives nothing for a file JSON.parse rejects: cut anywhere, or with a byte changed', () => {
    fc.assert(fc.property(fc.array(entry(tricky), { minLength: 1, maxLength: 20 }), layout, pieceBytes, fc.nat(), fc.integer({ min: 0, max: 255 }), (value, format, piece, at, byte) => {
      const whole = Buffer.from(format(value), 'utf8');
      const cut = whole.subarray(0, at % whole.length);
      const changed = Buffer.from(whole);
      changed[at % whole.length] = byte;
      for (const bytes of [cut, changed]) {
        let parsed: unknown;
        try { parsed = JSON.parse(decode(bytes)); } catch { parsed = undefined; }
        const read = readJsonArrayInPieces(write(bytes), piece);
        if (parsed === undefined || !Array.isArray(parsed)) expect(read).toBeUndefined();
        else if (read !== undefined) expect(read).toEqual(parsed);
      }
    }), { numRuns: 300 });
  });

  test('a non-ASCII fleet file reads as UTF-8, like the whole file', () => {
    const fleet = Array.from({ length: 3000 }, (_, i) => ({ vpcId: `vpc-é${i}—😀`, cidrs: [`10.${i >> 8}.${i & 255}.0/24`] }));
    const path = write(Buffer.from(JSON.stringify(fleet), 'utf8'));
    expect(readJsonArrayInPieces(path)).toEqual(fleet);
    expect(readFleetFile(path)).toEqual(fleet);
  });
});

describe('firstDuplicate', () => {
  /** The plain definition: the first entry whose vpcId came before, and that earlier entry. */
  const byMap = (ids: string[]) => {
    const seen = new Map<string, number>();
    for (const [i, id] of ids.entries()) {
      if (seen.has(id)) return [seen.get(id), i];
      seen.set(id, i);
    }
    return undefined;
  };

  test('finds the first repeated vpcId and its first entry, as a Map would (entries as VPCs or as vpcIds)', () => {
    fc.assert(fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', 'b', '-', 'é'), maxLength: 4 }), { maxLength: 80 }), (ids) => {
      expect(firstDuplicate(ids.map((vpcId) => ({ vpcId })))).toEqual(byMap(ids));
      expect(firstDuplicate(ids)).toEqual(byMap(ids));
    }), { numRuns: 500 });
  });

  test('100k distinct vpcIds: none', () => {
    expect(firstDuplicate(Array.from({ length: 100_000 }, (_, i) => ({ vpcId: `vpc-${i.toString(16).padStart(17, '0')}` })))).toBeUndefined();
  });
});
