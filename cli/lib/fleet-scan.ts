import { closeSync, fstatSync, openSync } from 'node:fs';
import type { FleetColumns } from '../../handlers/lib/cidr';
import { ColumnsBuilder } from './fleet-columns';
import { CLOSE_ARRAY, CLOSE_OBJECT, COMMA, isJsonSpace, OPEN_ARRAY, OPEN_OBJECT, PIECE, Window } from './fleet-json';

/**
 * An `--input` file read straight into the overlap engine's columns (FleetColumns): a vpcId string
 * per VPC, its IPv4 CIDRs as numbers — no object, no array and no string per CIDR. JSON.parse of a 100k-VPC
 * file took ~320 ms, ~180 of them for its 500k CIDR strings, which the engine then parsed again; and
 * their garbage was most of what the collector traced while the engine counted.
 *
 * Hand-written, not a streaming JSON library: those build the same values JSON.parse does, slower.
 * So it reads only the plain spelling a fleet file nearly always has — an array of objects with the
 * keys vpcId, account, region (strings) and cidrs (an array of strings), in any order, whitespace
 * anywhere, strings without escapes or bytes outside printable ASCII — and answers undefined for
 * anything else: an escape, a number, null, an unknown or repeated key, an empty vpcId, a vpcId
 * listed twice, a cut file, an unreadable one. The caller then reads the file as before
 * (readFleetFile), which takes any JSON and words each error; so this reader never decides what is
 * valid, only how fast a valid file is read. CIDRs other than a plain IPv4 block (IPv6, or a spelling
 * the engine's strict parser must judge) are kept as text for the engine. `pieceBytes` sizes the
 * window the file is read through, as for readJsonArrayInPieces; `maxSlots`, the most IPv4 blocks room
 * is made for before reading (tests pass fewer of both).
 */
export function scanFleetFile(path: string, pieceBytes = PIECE, maxSlots = 1 << 22): FleetColumns | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    // Room for every CIDR a file this size can hold (each takes 12 bytes at least), up to maxSlots; grown past that.
    const out = new ColumnsBuilder(Math.max(1, Math.min(Math.ceil(fstatSync(fd).size / 12), maxSlots)));
    return scan(new Window(fd, pieceBytes), out) ? out.finish() : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

const COLON = 0x3a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** element(): the bytes end before the element does (read more and try again), or it is not in the plain spelling. */
const MORE = -2;
const OTHER = -1;

function scan(input: Window, out: ColumnsBuilder): boolean {
  if (input.token() !== OPEN_ARRAY) return false;
  input.at++;
  if (input.token() === CLOSE_ARRAY) {
    input.at++;
    return input.token() === -1;
  }
  for (;;) {
    if (input.token() !== OPEN_OBJECT) return false;
    out.mark();
    let end = element(input.buf, input.at, input.len, out);
    while (end === MORE && !input.eof) {
      out.rollback();
      input.fill();
      end = element(input.buf, input.at, input.len, out);
    }
    if (end < 0) return false;
    input.at = end;
    const next = input.token();
    input.at++;
    if (next === CLOSE_ARRAY) return input.token() === -1 && out.distinct();
    if (next !== COMMA) return false;
  }
}

const KEYS = ['vpcId', 'account', 'region', 'cidrs'];
const VPC_ID = 0;
const ACCOUNT = 1;
const REGION = 2;
const CIDRS = 3;

/** The object at buf[at] (a `{`) into `out`; the index after its `}`, or MORE, or OTHER. */
function element(buf: Buffer, at: number, len: number, out: ColumnsBuilder): number {
  const entry = out.vpcCount;
  let i = skip(buf, at + 1, len);
  let seen = 0;
  let vpcId = '';
  let account: string | undefined;
  let region: string | undefined;
  for (;;) {
    if (i >= len) return MORE;
    if (buf[i] !== QUOTE) return OTHER;
    const keyEnd = stringEnd(buf, i + 1, len);
    if (keyEnd < 0) return keyEnd;
    const key = keyOf(buf, i + 1, keyEnd);
    if (key < 0 || (seen & (1 << key)) !== 0) return OTHER;
    seen |= 1 << key;
    i = skip(buf, keyEnd + 1, len);
    if (i >= len) return MORE;
    if (buf[i] !== COLON) return OTHER;
    i = skip(buf, i + 1, len);
    if (i >= len) return MORE;
    if (key === CIDRS) {
      i = cidrList(buf, i, len, entry, out);
      if (i < 0) return i;
    } else {
      if (buf[i] !== QUOTE) return OTHER;
      const end = stringEnd(buf, i + 1, len);
      if (end < 0) return end;
      if (key === VPC_ID) {
        if (end === i + 1) return OTHER;
        vpcId = buf.toString('latin1', i + 1, end);
      } else if (key === ACCOUNT) account = out.shared(buf, i + 1, end);
      else region = out.shared(buf, i + 1, end);
      i = end + 1;
    }
    i = skip(buf, i, len);
    if (i >= len) return MORE;
    if (buf[i] === CLOSE_OBJECT) break;
    if (buf[i] !== COMMA) return OTHER;
    i = skip(buf, i + 1, len);
  }
  if ((seen & (1 << VPC_ID)) === 0 || (seen & (1 << CIDRS)) === 0) return OTHER;
  out.addVpc(vpcId, account, region);
  return i + 1;
}

/** `[ "cidr", … ]` at buf[at] for entry `entry`; the index after `]`, or MORE, or OTHER. */
function cidrList(buf: Buffer, at: number, len: number, entry: number, out: ColumnsBuilder): number {
  if (buf[at] !== OPEN_ARRAY) return OTHER;
  let i = skip(buf, at + 1, len);
  if (i >= len) return MORE;
  if (buf[i] === CLOSE_ARRAY) return i + 1;
  for (;;) {
    if (buf[i] !== QUOTE) return OTHER;
    const end = stringEnd(buf, i + 1, len);
    if (end < 0) return end;
    out.addCidr(buf, i + 1, end, entry);
    i = skip(buf, end + 1, len);
    if (i >= len) return MORE;
    if (buf[i] === CLOSE_ARRAY) return i + 1;
    if (buf[i] !== COMMA) return OTHER;
    i = skip(buf, i + 1, len);
    if (i >= len) return MORE;
  }
}

/** The closing quote of a string whose text starts at buf[at]: MORE when past len, OTHER for an escape or a byte outside printable ASCII. */
function stringEnd(buf: Buffer, at: number, len: number): number {
  for (let i = at; i < len; i++) {
    const c = buf[i];
    if (c === QUOTE) return i;
    if (c < 0x20 || c > 0x7e || c === BACKSLASH) return OTHER;
  }
  return MORE;
}

/** The first index from `at` (at most len) that is not JSON whitespace. */
function skip(buf: Buffer, at: number, len: number): number {
  let i = at;
  while (i < len && isJsonSpace(buf[i])) i++;
  return i;
}

function keyOf(buf: Buffer, from: number, to: number): number {
  for (let k = 0; k < KEYS.length; k++) {
    const key = KEYS[k];
    if (key.length !== to - from) continue;
    let same = true;
    for (let j = 0; j < key.length && same; j++) same = buf[from + j] === key.charCodeAt(j);
    if (same) return k;
  }
  return -1;
}
