/**
 * The PrivateLink side of the hub: a VPC Lattice resource gateway in the private subnets and a
 * resource configuration (TCP, the proxy port) that project VPCs reach through their resource
 * endpoints. The configuration names Squid by a private DNS name that the gateway resolves inside
 * the hub VPC (IN_VPC); the name's A records are the fixed interfaces of the Squid fleet, so they
 * never change when an instance is replaced.
 */
import { Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as vpclattice from 'aws-cdk-lib/aws-vpclattice';
import { Construct } from 'constructs';

export interface ProxyResourceProps {
  vpc: ec2.IVpc;
  /** Subnets of the resource gateway: one per AZ that project endpoints may use. */
  subnets: ec2.ISubnet[];
  squidSecurityGroup: ec2.ISecurityGroup;
  /** Fixed Squid addresses (one per AZ with high availability, else one). */
  squidAddresses: string[];
  port: number;
  /** e.g. squid.egress-proxy.internal: zone = everything after the first label. */
  domainName: string;
  namePrefix: string;
  /** Optional custom domain for consumers' private DNS (one proxy hostname for every VPC). */
  customDomainName?: string;
  domainVerificationId?: string;
}

export class ProxyResource extends Construct {
  readonly gatewaySecurityGroup: ec2.SecurityGroup;
  readonly gateway: vpclattice.CfnResourceGateway;
  readonly configuration: vpclattice.CfnResourceConfiguration;

  constructor(scope: Construct, id: string, props: ProxyResourceProps) {
    super(scope, id);
    // The gateway may only open connections to Squid's port; Squid accepts only the gateway.
    this.gatewaySecurityGroup = new ec2.SecurityGroup(this, 'GatewaySecurityGroup', {
      vpc: props.vpc,
      description: 'egress-operator resource gateway: out only to Squid on the proxy port',
      allowAllOutbound: false,
    });
    this.gatewaySecurityGroup.addEgressRule(props.squidSecurityGroup, ec2.Port.tcp(props.port), 'to Squid');
    props.squidSecurityGroup.addIngressRule(this.gatewaySecurityGroup, ec2.Port.tcp(props.port), 'from the resource gateway');

    const [label, ...zoneLabels] = props.domainName.split('.');
    if (!label || zoneLabels.length < 2) throw new Error(`proxyDomainName '${props.domainName}' needs a host and a zone`);
    const zone = new route53.PrivateHostedZone(this, 'Zone', { zoneName: zoneLabels.join('.'), vpc: props.vpc });
    const record = new route53.ARecord(this, 'SquidRecord', {
      zone,
      recordName: props.domainName,
      target: route53.RecordTarget.fromIpAddresses(...props.squidAddresses),
      comment: 'fixed Squid interfaces; instances come and go, these addresses stay',
      ttl: Duration.minutes(1),
    });

    this.gateway = new vpclattice.CfnResourceGateway(this, 'Gateway', {
      name: `${props.namePrefix}-gateway`,
      vpcIdentifier: props.vpc.vpcId,
      subnetIds: props.subnets.map((s) => s.subnetId),
      securityGroupIds: [this.gatewaySecurityGroup.securityGroupId],
      ipAddressType: 'IPV4',
      // Resolve the configuration's name with the hub VPC's resolver, where the private zone lives.
      resourceConfigDnsResolution: 'IN_VPC',
    });

    this.configuration = new vpclattice.CfnResourceConfiguration(this, 'Configuration', {
      name: `${props.namePrefix}-squid`,
      resourceConfigurationType: 'SINGLE',
      protocolType: 'TCP',
      portRanges: [String(props.port)],
      resourceGatewayId: this.gateway.attrId,
      resourceConfigurationDefinition: {
        dnsResource: { domainName: props.domainName, ipAddressType: 'IPV4' },
      },
      // Shared with projects one by one (RAM), not through service networks.
      allowAssociationToSharableServiceNetwork: false,
      customDomainName: props.customDomainName,
      domainVerificationId: props.domainVerificationId,
    });
    this.configuration.node.addDependency(record);
  }
}
