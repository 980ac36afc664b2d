/**
 * Bulk seeding for the fleet-sweep tests and benchmark: thousands of project VPCs, opted in and Ready,
 * written straight into the local stores instead of through 10,000 HTTP calls and reconciles.
 *
 * The shortcut creates exactly what a reconcile-vpc execution leaves behind (test/fleet/sweep.test.ts
 * checks this: a sweep finds no drift on seeded VPCs, nor on VPCs reconciled for real next to them):
 *   - the owned security group `egress-proxy-<vpc>` allowing TCP <proxy port> from the VPC CIDR;
 *   - the owned resource endpoint (Available) in one subnet per served AZ, with that group;
 *   - the status tags PublishStatus writes for Ready (address from the association's DNS name).
 * VPC tags are set on the record directly, so seeding emits no `aws.tag` events (which would start a
 * reconcile per VPC and defeat the purpose).
 */
import { analyzeOverlaps, formatOverlapsTag } from '../handlers/lib/cidr';
import { READY_REASON } from '../handlers/lib/drift';
import { executionName } from '../handlers/lib/names';
import { generationOf } from '../handlers/lib/spec';
import { ownershipTags, STATUS_KEYS, OWNER_KEYS, OPT_IN_VALUE, type TagMap } from '../handlers/lib/tags';
import type { Ec2Store } from './ec2/store';
import { associationDnsName } from './ec2/render';
import type { LatticeStore } from './lattice/store';

export interface ReadyFleetOptions {
  count: number;
  resourceConfigurationArn: string;
  /** Only opt the VPCs in (no operator resources, no status): what a fleet looks like before its first sweep. */
  optInOnly?: boolean;
  /** Name prefix (default `fleet`). */
  prefix?: string;
}

export function seedReadyFleet(ec2: Ec2Store, lattice: LatticeStore, opts: ReadyFleetOptions): string[] {
  const config = lattice.findConfiguration(opts.resourceConfigurationArn);
  const view = lattice.resourceConfigurationView(opts.resourceConfigurationArn);
  if (!config || !view) throw new Error(`no resource configuration ${opts.resourceConfigurationArn}`);
  const port = Number(config.portRanges[0].split('-')[0]);
  const owner: TagMap = { [OWNER_KEYS.optIn]: OPT_IN_VALUE };
  const generation = generationOf(owner);
  const ids: string[] = [];
  for (let i = 1; i <= opts.count; i++) {
    const name = `${opts.prefix ?? 'fleet'}-${i}`;
    const vpc = ec2.createVpc({ cidrBlock: '10.0.0.0/16' });
    const subnets = ['a', 'b'].map((az, k) => ec2.createSubnet({ vpcId: vpc.id, cidrBlock: `10.0.${k + 1}.0/24`, availabilityZone: `${ec2.region}${az}` }));
    vpc.tags.set('Name', name);
    vpc.tags.set(OWNER_KEYS.optIn, OPT_IN_VALUE);
    ids.push(vpc.id);
    if (opts.optInOnly) continue;

    const groupName = `egress-proxy-${vpc.id}`;
    const group = ec2.createSecurityGroup({
      vpcId: vpc.id, groupName, description: 'egress-operator: clients of the egress proxy endpoint',
      tags: { Name: groupName, ...ownershipTags(vpc.id) },
    });
    ec2.authorizeIngress(group.id, [{ protocol: 'tcp', fromPort: port, toPort: port, cidrIp: vpc.cidrBlock, description: 'egress-operator: proxy clients in this VPC' }]);
    const served = subnets.filter((s) => view.gatewayAzIds.includes(s.availabilityZoneId)).map((s) => s.id).sort();
    const endpoint = ec2.createVpcEndpoint({
      vpcId: vpc.id, resourceConfigurationArn: config.arn, subnetIds: served, securityGroupIds: [group.id],
      tags: { Name: `egress-proxy-${vpc.id}`, ...ownershipTags(vpc.id) },
    });
    ec2.setEndpointState(endpoint.id, 'Available');
    const status: TagMap = {
      [STATUS_KEYS.proxy]: `http://${associationDnsName(ec2, endpoint)}:${port}`,
      [STATUS_KEYS.state]: 'Ready',
      [STATUS_KEYS.reason]: READY_REASON,
      [STATUS_KEYS.endpoint]: endpoint.id,
      [STATUS_KEYS.generation]: generation,
      [STATUS_KEYS.execution]: executionName(vpc.id, generation, 'tag-event', 1),
      [STATUS_KEYS.since]: new Date(ec2.now()).toISOString(),
    };
    for (const [k, v] of Object.entries(status)) vpc.tags.set(k, v);
  }
  if (!opts.optInOnly) writeOverlaps(ec2, ids);
  return ids;
}

/** The overlaps tag DetectOverlaps would write, from one fleet-wide analysis (peers listed up to 20). */
function writeOverlaps(ec2: Ec2Store, ids: string[]): void {
  const fleet = [...ec2.vpcs.values()].map((v) => ({ vpcId: v.id, cidrs: [v.cidrBlock] }));
  const result = analyzeOverlaps(fleet, { detailFor: ids, limit: 20 });
  const byId = new Map(result.vpcs.map((v) => [v.vpcId, v]));
  for (const id of ids) ec2.vpcs.get(id)!.tags.set(STATUS_KEYS.overlaps, formatOverlapsTag(byId.get(id)!));
}
