/**
 * The sweep's bulk reads for one account and region: a handful of paginated Describe* calls (1,000 per
 * page) whatever the number of VPCs — never one call per VPC.
 *   DescribeVpcs              tag-key ∈ {egress, egress-proxy:state}: opted-in VPCs and VPCs still carrying our status;
 *                             with `wholeFleet` (the fleet snapshot is on) unfiltered instead, every VPC's blocks
 *                             kept for the snapshot and the same tag-key test applied in code — one read, not two
 *   DescribeVpcEndpoints      our ownership tag
 *   DescribeSecurityGroups    our ownership tag
 *   DescribeVpcEndpointAssociations   only when we own endpoints
 */
import {
  DescribeVpcEndpointAssociationsCommand, EC2Client, paginateDescribeSecurityGroups, paginateDescribeVpcEndpoints,
  paginateDescribeVpcs,
} from '@aws-sdk/client-ec2';
import type { FleetSnapshot, ScannedAssociation, ScannedEndpoint, ScannedGroup, ScannedVpc } from '../drift/types';
import type { VpcCidrs } from '../cidr';
import type { FleetTarget } from '../fleet/targets';
import { OWNER_KEYS, OWNERSHIP_KEYS, ownedFilters, STATUS_KEYS, toTagMap } from '../tags';
import { toVpcCidrs } from '../fleet-cidrs';
import { callAws } from './call';
import { rulesOf, toObservedEndpoint } from './owned';

const PAGE = 1000;

/** The tag keys that make a VPC the sweep's business: opted in, or still carrying our status. */
const SCANNED_KEYS = [OWNER_KEYS.optIn, STATUS_KEYS.state];

export interface TargetScan {
  snapshot: FleetSnapshot;
  /** Every VPC of the target with its blocks (only with `wholeFleet`): the fleet snapshot's part of it. */
  fleet?: VpcCidrs[];
}

export async function scanTarget(client: EC2Client, target: FleetTarget, opts: { wholeFleet: boolean }): Promise<TargetScan> {
  const [vpcs, endpoints, groups] = await Promise.all([
    readVpcs(client, opts.wholeFleet, target), readOwnedEndpoints(client), readOwnedGroups(client),
  ]);
  const associations = endpoints.length ? await readAssociations(client, new Set(endpoints.map((e) => e.id))) : [];
  const account = target.account || vpcs.account || '';
  const snapshot = { account, region: target.region, vpcs: vpcs.list, endpoints, groups, associations };
  return opts.wholeFleet ? { snapshot, fleet: vpcs.fleet } : { snapshot };
}

async function readVpcs(client: EC2Client, wholeFleet: boolean, target: FleetTarget): Promise<{ list: ScannedVpc[]; fleet: VpcCidrs[]; account?: string }> {
  const list: ScannedVpc[] = [];
  const fleet: VpcCidrs[] = [];
  let account: string | undefined;
  await callAws('DescribeVpcs', async () => {
    const input = wholeFleet ? {} : { Filters: [{ Name: 'tag-key', Values: SCANNED_KEYS }] };
    for await (const page of paginateDescribeVpcs({ client, pageSize: PAGE }, input)) {
      for (const v of page.Vpcs ?? []) {
        if (!v.VpcId) continue;
        account ??= v.OwnerId;
        const record = toVpcCidrs(v, target.account || undefined, target.region);
        if (wholeFleet) fleet.push(record);
        const tags = toTagMap(v.Tags);
        if (SCANNED_KEYS.some((k) => k in tags)) list.push({ vpcId: v.VpcId, tags, cidrs: record.cidrs });
      }
    }
  });
  return { list, fleet, account };
}

async function readOwnedEndpoints(client: EC2Client): Promise<ScannedEndpoint[]> {
  const out: ScannedEndpoint[] = [];
  await callAws('DescribeVpcEndpoints', async () => {
    for await (const page of paginateDescribeVpcEndpoints({ client, pageSize: PAGE }, { Filters: ownedFilters() })) {
      for (const e of page.VpcEndpoints ?? []) {
        const owner = toTagMap(e.Tags)[OWNERSHIP_KEYS.owner];
        if (!owner) continue;
        out.push({ ...toObservedEndpoint(e), owner, vpcId: e.VpcId ?? '' });
      }
    }
  });
  return out;
}

async function readOwnedGroups(client: EC2Client): Promise<ScannedGroup[]> {
  const out: ScannedGroup[] = [];
  await callAws('DescribeSecurityGroups', async () => {
    for await (const page of paginateDescribeSecurityGroups({ client, pageSize: PAGE }, { Filters: ownedFilters() })) {
      for (const g of page.SecurityGroups ?? []) {
        const owner = toTagMap(g.Tags)[OWNERSHIP_KEYS.owner];
        if (owner) out.push({ id: g.GroupId!, owner, vpcId: g.VpcId ?? '', rules: rulesOf(g.IpPermissions) });
      }
    }
  });
  return out;
}

/** No paginator exists for this call in the SDK; the documented filters cannot select by tag, so: all, kept if ours. */
async function readAssociations(client: EC2Client, owned: Set<string>): Promise<ScannedAssociation[]> {
  const out: ScannedAssociation[] = [];
  let NextToken: string | undefined;
  do {
    const page = await callAws('DescribeVpcEndpointAssociations', () =>
      client.send(new DescribeVpcEndpointAssociationsCommand({ MaxResults: PAGE, NextToken })));
    for (const a of page.VpcEndpointAssociations ?? []) {
      if (!a.VpcEndpointId || !owned.has(a.VpcEndpointId)) continue;
      const dnsNames = [a.PrivateDnsEntry?.DnsName, a.DnsEntry?.DnsName].filter((n): n is string => Boolean(n));
      out.push({ endpointId: a.VpcEndpointId, accessibility: a.AssociatedResourceAccessibility, dnsNames });
    }
    NextToken = page.NextToken;
  } while (NextToken);
  return out;
}
