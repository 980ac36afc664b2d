import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import type { VpcCidrs } from '../../handlers/lib/cidr';
import { CliError } from './errors';
import { decode, readJsonArrayInPieces } from './fleet-json';

export { decode };

/** One VPC of an `--input` file. Unknown fields are refused: a typo like `cidr` must not pass silently. */
export function vpcEntrySchema() {
  // Loaded only for a bad entry: zod costs start-up time, and isVpcEntry decides every good one.
  const { z: zod } = require('zod') as typeof import('zod');
  return zod.strictObject({
    vpcId: zod.string().min(1),
    account: zod.string().optional(),
    region: zod.string().optional(),
    cidrs: zod.array(zod.string()),
  });
}

/**
 * Pure: exactly the entries vpcEntrySchema() accepts, checked by hand — zod took ~0.5 s on 100k
 * entries, about a third of `egress overlaps` on such a file.
 */
export function isVpcEntry(entry: unknown): entry is VpcCidrs {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return false;
  const fields = entry as Record<string, unknown>;
  for (const key in fields) {
    if (key !== 'vpcId' && key !== 'cidrs' && key !== 'account' && key !== 'region') return false;
  }
  const { vpcId, account, region, cidrs } = fields;
  if (typeof vpcId !== 'string' || vpcId.length === 0 || !Array.isArray(cidrs)) return false;
  if ((account !== undefined && typeof account !== 'string') || (region !== undefined && typeof region !== 'string')) return false;
  for (let i = 0; i < cidrs.length; i++) if (typeof cidrs[i] !== 'string') return false;
  return true;
}

/**
 * Read `[{ "vpcId", "account"?, "region"?, "cidrs": [...] }, …]`. Every problem becomes a CliError
 * naming the file, the VPC (or entry number when it has no vpcId) and the offending value.
 * CIDR syntax itself is checked by the engine, which names the VPC and the value.
 */
export function readFleetFile(path: string): VpcCidrs[] {
  const vpcs = readEntries(path);
  const duplicate = firstDuplicate(vpcs);
  if (duplicate) {
    const [first, second] = duplicate;
    throw new CliError(`${path}: VPC ${vpcs[first].vpcId} is listed twice (entries ${first} and ${second}${accountsOf(vpcs[first], vpcs[second])}): one entry per VPC, with all its cidrs`);
  }
  return vpcs;
}

function readEntries(path: string): VpcCidrs[] {
  let text: string;
  try {
    // Read in pieces when every entry is good (nearly every file); else whole, to name the bad entry.
    const entries = readJsonArrayInPieces(path);
    if (entries && allVpcEntries(entries)) return entries;
    text = decode(readFileSync(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  return parseFleetText(path, text);
}

function allVpcEntries(entries: unknown[]): entries is VpcCidrs[] {
  for (let i = 0; i < entries.length; i++) if (!isVpcEntry(entries[i])) return false;
  return true;
}

/** The whole file's text: any JSON, each bad entry named. */
function parseFleetText(path: string, text: string): VpcCidrs[] {
  if (text.trim() === '') throw new CliError(`${path} is empty: expected a JSON array of VPCs`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${path} is not JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(data)) throw new CliError(`${path} must hold a JSON array of VPCs, not ${describe(data)}`);
  return data.map((entry, i): VpcCidrs => {
    if (isVpcEntry(entry)) return entry;
    const parsed = vpcEntrySchema().safeParse(entry);
    if (parsed.success) return parsed.data; // unreachable while isVpcEntry matches the schema
    const vpcId = typeof entry === 'object' && entry !== null && typeof (entry as { vpcId?: unknown }).vpcId === 'string'
      ? (entry as { vpcId: string }).vpcId
      : undefined;
    const where = vpcId ? `VPC ${vpcId} (entry ${i})` : `entry ${i}`;
    // An unknown field usually explains the rest (`cidr` for `cidrs`), so report it first.
    const issues = parsed.error.issues;
    const issue = issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0];
    throw new CliError(`${path}: ${where}: ${describeIssue(issue, entry)}`);
  });
}

/**
 * Pure: the indexes of the first two entries with the same vpcId (whatever their account or region), if any;
 * entries as VPCs or as their vpcIds.
 * An open-addressed table of vpcId hashes: a Map of 100k strings cost ~60 ms; here strings are compared
 * only when their hashes are equal.
 */
export function firstDuplicate(vpcs: ReadonlyArray<Pick<VpcCidrs, 'vpcId'>> | readonly string[]): [number, number] | undefined {
  let size = 16;
  while (size < vpcs.length * 2) size *= 2;
  const mask = size - 1;
  const slots = new Int32Array(size).fill(-1);
  const hashes = new Int32Array(size);
  const idAt = (i: number) => { const vpc = vpcs[i]; return typeof vpc === 'string' ? vpc : vpc.vpcId; };
  for (let i = 0; i < vpcs.length; i++) {
    const id = idAt(i);
    let h = 0x811c9dc5 | 0;
    for (let k = 0; k < id.length; k++) h = Math.imul(h ^ id.charCodeAt(k), 0x01000193);
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const first = slots[s];
      if (first < 0) { slots[s] = i; hashes[s] = h; break; }
      if (hashes[s] === h && idAt(first) === id) return [first, i];
    }
  }
  return undefined;
}

function accountsOf(a: VpcCidrs, b: VpcCidrs): string {
  return a.account !== b.account ? `, accounts ${a.account ?? '-'} and ${b.account ?? '-'}` : '';
}

function describeIssue(issue: z.core.$ZodIssue, entry: unknown): string {
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
  const field = issue.path.map(String).join('.');
  if (issue.code === 'invalid_type') {
    const value = issue.path.reduce<unknown>((at, key) => (at as Record<PropertyKey, unknown> | undefined)?.[key as PropertyKey], entry);
    if (value === undefined && issue.path.length > 0) return `missing "${field}"`;
    return issue.path.length === 0 ? `expected an object, got ${describe(value)}` : `"${field}" must be ${issue.expected}, got ${describe(value)}`;
  }
  return `"${field}": ${issue.message}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}
