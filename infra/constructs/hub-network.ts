/**
 * The hub VPC: public subnets for the NAT gateway(s), private subnets for Squid, the resource
 * gateway and the VerifyProxy function. Its CIDR may overlap the project VPCs: PrivateLink
 * (VPC Lattice) never routes between them, it only carries connections to the resource.
 *
 * AZs: a project endpoint can use only the AZs the resource gateway has a subnet in, compared by
 * AZ ID (AZ names map to different physical AZs in each account). So the hub covers every AZ of its
 * region by default, or exactly the AZ IDs it is given (docs/design.md#cross-account-and-regions).
 */
import { Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface HubNetworkProps {
  cidr: string;
  /** AZ IDs (use1-az1, …); empty: every AZ of the region the synth knows of. */
  availabilityZoneIds: string[];
  natGateways: 'one' | 'per-az';
  logRetention: logs.RetentionDays;
}

/** True when the stack knows its account and region, so CDK looked up the region's AZs. */
export function knowsRegionAzs(stack: Stack): boolean {
  return !Token.isUnresolved(stack.account) && !Token.isUnresolved(stack.region);
}

export class HubNetwork extends Construct {
  readonly vpc: ec2.Vpc;

  constructor(scope: Construct, id: string, props: HubNetworkProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const ids = props.availabilityZoneIds;
    // Every AZ: with an account and region CDK's AZ lookup lists them all (cached in cdk.context.json);
    // an environment-agnostic synth (no credentials) knows only two placeholders.
    // (infra/README.md says so rather than a synth-time notice: `cdk deploy` always knows the region.)
    const azs = ids.length ? ids : stack.availabilityZones;
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(props.cidr),
      availabilityZones: azs,
      natGateways: props.natGateways === 'per-az' ? azs.length : 1,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
      ],
      // Squid's only open port is reached through the resource gateway; no instance needs a public IP.
      restrictDefaultSecurityGroup: true,
    });
    // Subnets by AZ ID: CloudFormation's AvailabilityZoneId instead of the (per-account) name.
    if (ids.length) {
      for (const subnet of [...this.vpc.publicSubnets, ...this.vpc.privateSubnets]) {
        const cfn = subnet.node.defaultChild as ec2.CfnSubnet;
        cfn.availabilityZone = undefined;
        cfn.availabilityZoneId = subnet.availabilityZone;
      }
    }
    // Flow logs record who talked to Squid and where it went: the audit trail of the shared egress.
    const flowLogs = new logs.LogGroup(this, 'FlowLogs', { retention: props.logRetention });
    this.vpc.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogs),
      trafficType: ec2.FlowLogTrafficType.ALL,
    });
  }

  /** The private subnets, one per AZ, in AZ order. */
  get privateSubnets(): ec2.ISubnet[] {
    return this.vpc.privateSubnets;
  }
}
