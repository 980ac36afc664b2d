/**
 * Entries of the default network ACLs, changeable through CreateNetworkAclEntry, ReplaceNetworkAclEntry
 * and DeleteNetworkAclEntry (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateNetworkAclEntry.html,
 * …/API_ReplaceNetworkAclEntry.html, …/API_DeleteNetworkAclEntry.html). An ACL keeps the entries
 * network-defaults.ts derives from its VPC until the first change; from then on its own list, kept
 * per store in a side table so the derived ACLs stay bookkeeping-free. Rules the API takes:
 * rule numbers 1–32766 (the `*` rules 32767/32768 cannot be changed), one entry per number and
 * direction, exactly one of an IPv4 or IPv6 CIDR (canonicalized, as EC2 does), protocol `-1` or a
 * number 0–255 (the CLI's names tcp/udp/icmp/icmpv6/all too), a port range for TCP and UDP, an ICMP
 * type and code for ICMP (https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html).
 */
import { isIPv4, isIPv6 } from 'node:net';
import { Ec2Error, invalidValue, missing, notFound } from './errors';
import type { AclEntryRecord, NetworkAclRecord } from './network-defaults';
import type { Ec2State } from './state';

const changedEntries = new WeakMap<Ec2State, Map<string, AclEntryRecord[]>>();

/** The ACL's entries as they are now: its own list once changed, else the derived defaults. */
export function withEntryChanges(state: Ec2State, acl: NetworkAclRecord): NetworkAclRecord {
  const changed = changedEntries.get(state)?.get(acl.id);
  return changed ? { ...acl, entries: changed } : acl;
}

export interface AclEntryInput {
  ruleNumber?: number;
  protocol?: string;
  ruleAction?: string;
  egress?: boolean;
  cidrBlock?: string;
  ipv6CidrBlock?: string;
  portRange?: { from?: number; to?: number };
  icmpTypeCode?: { type?: number; code?: number };
}

const PROTOCOL_NAMES: Record<string, string> = { all: '-1', tcp: '6', udp: '17', icmp: '1', icmpv6: '58' };

function ruleNumberOf(n: number | undefined): number {
  if (n === undefined) throw missing('RuleNumber');
  if (!Number.isInteger(n) || n < 1 || n > 32766) throw invalidValue(`Invalid value '${n}' for ruleNumber. It must be an integer between 1 and 32766.`);
  return n;
}

function protocolOf(p: string | undefined): string {
  if (p === undefined || p === '') throw missing('Protocol');
  const value = PROTOCOL_NAMES[p.toLowerCase()] ?? p;
  if (value !== '-1' && !(/^\d{1,3}$/.test(value) && Number(value) <= 255)) throw invalidValue(`Invalid value '${p}' for protocol. It must be -1 or a protocol number from 0 to 255.`);
  return value;
}

/** `a.b.c.d/n` (or IPv6) in canonical form: host bits cleared, as EC2 stores it. */
function canonicalCidr(cidr: string, family: 4 | 6): string {
  const [addr, prefixText] = cidr.split('/');
  const bits = family === 4 ? 32 : 128;
  const prefix = Number(prefixText);
  const valid = (family === 4 ? isIPv4(addr ?? '') : isIPv6(addr ?? '')) && /^\d{1,3}$/.test(prefixText ?? '') && prefix <= bits;
  if (!valid) throw invalidValue(`Value (${cidr}) for parameter ${family === 4 ? 'cidrBlock' : 'ipv6CidrBlock'} is invalid. This is not a valid CIDR block.`);
  if (family === 6) return `${addr.toLowerCase()}/${prefix}`;
  const n = addr.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
  const size = 2 ** (32 - prefix);
  const base = Math.floor(n / size) * size;
  return `${[24, 16, 8, 0].map((s) => Math.floor(base / 2 ** s) % 256).join('.')}/${prefix}`;
}

function portOf(n: number | undefined, name: string): number {
  if (n === undefined) throw missing(`PortRange.${name}`);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw invalidValue(`Invalid value '${n}' for portRange.${name.toLowerCase()}. It must be from 0 to 65535.`);
  return n;
}

/** One entry as EC2 would store it, or the error EC2 answers. */
export function entryOf(input: AclEntryInput): AclEntryRecord {
  const ruleNumber = ruleNumberOf(input.ruleNumber);
  const protocol = protocolOf(input.protocol);
  if (input.egress === undefined) throw missing('Egress');
  if (input.ruleAction !== 'allow' && input.ruleAction !== 'deny') throw missing('RuleAction');
  if (Boolean(input.cidrBlock) === Boolean(input.ipv6CidrBlock)) {
    throw new Ec2Error('InvalidParameterCombination', 'Exactly one of cidrBlock or ipv6CidrBlock must be specified.');
  }
  const entry: AclEntryRecord = {
    ruleNumber, protocol, ruleAction: input.ruleAction, egress: input.egress,
    ...(input.cidrBlock ? { cidrBlock: canonicalCidr(input.cidrBlock, 4) } : { ipv6CidrBlock: canonicalCidr(input.ipv6CidrBlock!, 6) }),
  };
  if (protocol === '6' || protocol === '17') {
    if (!input.portRange) throw missing('PortRange');
    const from = portOf(input.portRange.from, 'From');
    const to = portOf(input.portRange.to, 'To');
    if (from > to) throw invalidValue(`Invalid port range ${from}-${to}: From must not exceed To.`);
    entry.portRange = { from, to };
  }
  if (protocol === '1' || (protocol === '58' && entry.ipv6CidrBlock)) {
    if (!input.icmpTypeCode || input.icmpTypeCode.type === undefined || input.icmpTypeCode.code === undefined) throw missing('IcmpTypeCode');
    entry.icmpTypeCode = { type: input.icmpTypeCode.type, code: input.icmpTypeCode.code };
  }
  return entry;
}

/** The ACL by ID among the VPCs' derived ACLs (NotFound/Malformed as EC2 answers). */
function requireAcl(state: Ec2State, acls: NetworkAclRecord[], aclId: string | undefined): NetworkAclRecord {
  if (!aclId) throw missing('NetworkAclId');
  const acl = acls.find((a) => a.id === aclId);
  if (!acl) throw notFound(aclId, 'network-acl');
  return withEntryChanges(state, acl);
}

function save(state: Ec2State, aclId: string, entries: AclEntryRecord[]): void {
  if (!changedEntries.has(state)) changedEntries.set(state, new Map());
  changedEntries.get(state)!.set(aclId, [...entries].sort((a, b) => Number(a.egress) - Number(b.egress) || a.ruleNumber - b.ruleNumber));
}

const sameSlot = (a: AclEntryRecord, ruleNumber: number, egress: boolean) => a.ruleNumber === ruleNumber && a.egress === egress;
const entryNotFound = (n: number) => new Ec2Error('InvalidNetworkAclEntry.NotFound', `The network acl entry identified by ${n} does not exist.`);

export function createAclEntry(state: Ec2State, acls: NetworkAclRecord[], aclId: string | undefined, input: AclEntryInput): void {
  const acl = requireAcl(state, acls, aclId);
  const entry = entryOf(input);
  if (acl.entries.some((e) => sameSlot(e, entry.ruleNumber, entry.egress))) {
    throw new Ec2Error('NetworkAclEntryAlreadyExists', `The network acl entry identified by ${entry.ruleNumber} already exists.`);
  }
  save(state, acl.id, [...acl.entries, entry]);
}

export function replaceAclEntry(state: Ec2State, acls: NetworkAclRecord[], aclId: string | undefined, input: AclEntryInput): void {
  const acl = requireAcl(state, acls, aclId);
  const entry = entryOf(input);
  if (!acl.entries.some((e) => sameSlot(e, entry.ruleNumber, entry.egress))) throw entryNotFound(entry.ruleNumber);
  save(state, acl.id, acl.entries.map((e) => (sameSlot(e, entry.ruleNumber, entry.egress) ? entry : e)));
}

export function deleteAclEntry(state: Ec2State, acls: NetworkAclRecord[], aclId: string | undefined, ruleNumber: number | undefined, egress: boolean | undefined): void {
  const acl = requireAcl(state, acls, aclId);
  const n = ruleNumberOf(ruleNumber);
  if (egress === undefined) throw missing('Egress');
  if (!acl.entries.some((e) => sameSlot(e, n, egress))) throw entryNotFound(n);
  save(state, acl.id, acl.entries.filter((e) => !sameSlot(e, n, egress)));
}
