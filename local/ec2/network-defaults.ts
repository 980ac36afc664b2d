/**
 * The main route table and the default network ACL that AWS creates with every VPC
 * (https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html#RouteTables — the main route
 * table with its `local` route; https://docs.aws.amazon.com/vpc/latest/userguide/default-network-acl.html —
 * the default ACL allows all inbound and outbound IPv4 (and IPv6, when the VPC has a block) traffic,
 * rule 100/101, before the `*` rule that denies). Every subnet without an explicit association uses
 * both, and the default ACL lists each subnet's association.
 *
 * Derived from the VPC and its subnets on every read, with IDs that are a pure function of the VPC ID,
 * so they appear and disappear with the VPC and need no bookkeeping in the store.
 */
import { createHash } from 'node:crypto';
import { withEntryChanges } from './network-acls';
import type { Ec2State } from './state';
import type { Resource, SubnetRecord, VpcRecord } from './types';

export interface RouteRecord {
  destinationCidrBlock?: string;
  destinationIpv6CidrBlock?: string;
  gatewayId: 'local';
  state: 'active';
  origin: 'CreateRouteTable';
}

export interface RouteTableRecord extends Resource {
  vpcId: string;
  mainAssociationId: string;
  routes: RouteRecord[];
}

export interface AclEntryRecord {
  ruleNumber: number;
  /** `-1` (all) or a protocol number; entries changed through the API (network-acls.ts) carry others. */
  protocol: string;
  ruleAction: 'allow' | 'deny';
  egress: boolean;
  cidrBlock?: string;
  ipv6CidrBlock?: string;
  portRange?: { from: number; to: number };
  icmpTypeCode?: { type: number; code: number };
}

export interface NetworkAclRecord extends Resource {
  vpcId: string;
  isDefault: true;
  entries: AclEntryRecord[];
  associations: { associationId: string; subnetId: string }[];
}

const derivedIds = new Map<string, string>();

/** `<prefix>-` and 17 hex digits derived from the VPC ID (and a salt): stable for the VPC's life. */
function derivedId(prefix: string, vpcId: string, salt: string): string {
  // Memoized: these are derived on every read of every VPC, and a hash each time shows in profiles.
  const key = `${prefix}/${vpcId}/${salt}`;
  let id = derivedIds.get(key);
  if (id === undefined) {
    id = `${prefix}-${createHash('sha256').update(`${vpcId}/${salt}`).digest('hex').slice(0, 17)}`;
    if (derivedIds.size >= 100_000) derivedIds.clear(); // bounded: a long-running cloud recomputes at worst
    derivedIds.set(key, id);
  }
  return id;
}

export function mainRouteTable(vpc: VpcRecord): RouteTableRecord {
  const routes: RouteRecord[] = [{ destinationCidrBlock: vpc.cidrBlock, gatewayId: 'local', state: 'active', origin: 'CreateRouteTable' }];
  if (vpc.ipv6CidrBlock) routes.push({ destinationIpv6CidrBlock: vpc.ipv6CidrBlock, gatewayId: 'local', state: 'active', origin: 'CreateRouteTable' });
  return {
    id: derivedId('rtb', vpc.id, 'main'), seq: vpc.seq, tags: new Map(), vpcId: vpc.id,
    mainAssociationId: derivedId('rtbassoc', vpc.id, 'main'), routes,
  };
}

function aclEntries(vpc: VpcRecord): AclEntryRecord[] {
  const entries: AclEntryRecord[] = [];
  for (const egress of [false, true]) {
    entries.push({ ruleNumber: 100, protocol: '-1', ruleAction: 'allow', egress, cidrBlock: '0.0.0.0/0' });
    if (vpc.ipv6CidrBlock) entries.push({ ruleNumber: 101, protocol: '-1', ruleAction: 'allow', egress, ipv6CidrBlock: '::/0' });
    entries.push({ ruleNumber: 32767, protocol: '-1', ruleAction: 'deny', egress, cidrBlock: '0.0.0.0/0' });
    if (vpc.ipv6CidrBlock) entries.push({ ruleNumber: 32768, protocol: '-1', ruleAction: 'deny', egress, ipv6CidrBlock: '::/0' });
  }
  return entries;
}

export function defaultNetworkAcl(vpc: VpcRecord, subnets: SubnetRecord[]): NetworkAclRecord {
  return {
    id: derivedId('acl', vpc.id, 'default'), seq: vpc.seq, tags: new Map(), vpcId: vpc.id, isDefault: true,
    entries: aclEntries(vpc),
    associations: subnets.filter((s) => s.vpcId === vpc.id).map((s) => ({ associationId: derivedId('aclassoc', s.id, vpc.id), subnetId: s.id })),
  };
}

export function routeTablesOf(state: Ec2State, vpcs: VpcRecord[]): RouteTableRecord[] {
  void state;
  return vpcs.map(mainRouteTable);
}

export function networkAclsOf(state: Ec2State, vpcs: VpcRecord[]): NetworkAclRecord[] {
  // Subnets grouped by VPC once per call, not scanned once per VPC.
  const byVpc = new Map<string, SubnetRecord[]>();
  for (const s of state.subnets.values()) {
    const list = byVpc.get(s.vpcId);
    if (list) list.push(s);
    else byVpc.set(s.vpcId, [s]);
  }
  return vpcs.map((v) => withEntryChanges(state, defaultNetworkAcl(v, byVpc.get(v.id) ?? [])));
}
