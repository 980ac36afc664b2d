/**
 * The hub VPC: public subnets for the NAT gateway(s), private subnets for Squid, the resource
 * gateway and the VerifyProxy function. Its CIDR may overlap the project VPCs: PrivateLink
 * (VPC Lattice) never routes between them, it only carries connections to the resource.
 */
import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface HubNetworkProps {
  cidr: string;
  azCount: number;
  /** Explicit AZ names; without them the stack's AZs are used (2 when account/region are unknown). */
  availabilityZones?: string[];
  natGateways: 'one' | 'per-az';
  logRetention: logs.RetentionDays;
}

export class HubNetwork extends Construct {
  readonly vpc: ec2.Vpc;

  constructor(scope: Construct, id: string, props: HubNetworkProps) {
    super(scope, id);
    const azs = props.availabilityZones?.length ? props.availabilityZones : undefined;
    const azCount = azs?.length ?? props.azCount;
    // An environment-agnostic stack knows only two AZs (Fn::GetAZs, no lookups at synth time).
    if (!azs && azCount > Stack.of(this).availabilityZones.length) {
      throw new Error(`azCount=${azCount} needs explicit availabilityZones (this synth knows only `
        + `${Stack.of(this).availabilityZones.length} AZs without an account and region)`);
    }
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(props.cidr),
      ...(azs ? { availabilityZones: azs } : { maxAzs: azCount }),
      natGateways: props.natGateways === 'per-az' ? azCount : 1,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
      ],
      // Squid's only open port is reached through the resource gateway; no instance needs a public IP.
      restrictDefaultSecurityGroup: true,
    });
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
