/**
 * Hub stack: VPC with NAT, the Squid fleet, the resource gateway and configuration that make
 * Squid reachable over PrivateLink, and the RAM share to the project accounts.
 */
import { CfnOutput, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import type { EgressConfig } from '../config';
import { AlarmTopic } from '../constructs/alarm-topic';
import { HubNetwork } from '../constructs/hub-network';
import { ProxyResource } from '../constructs/proxy-resource';
import { ProxyShare } from '../constructs/resource-share';
import { SquidFleet } from '../constructs/squid-fleet';
import { suppressHubFindings } from '../nag/hub-suppressions';
import { hubShareName } from '../iam/ram-permissions';
import { retention } from './retention';

export interface HubStackProps extends StackProps {
  config: EgressConfig;
}

export class HubStack extends Stack {
  readonly vpc: ec2.Vpc;
  readonly resourceConfigurationArn: string;
  readonly resourceGatewayArn: string;
  /**
   * For the probing functions (VerifyProxy, ScanFleet): the one client besides the gateway that may reach
   * Squid, admitted like the gateway's group, from the gateway's subnets, so a probe takes the gateway's
   * path (docs/design.md#workflows, "What Ready means"; test/infra/verify-proxy-placement.test.ts).
   */
  readonly probeSecurityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: HubStackProps) {
    super(scope, id, props);
    const { config } = props;
    const network = new HubNetwork(this, 'Network', {
      cidr: config.vpcCidr,
      availabilityZoneIds: config.availabilityZoneIds,
      natGateways: config.natGateways,
      logRetention: retention(config.logRetentionDays),
    });
    this.vpc = network.vpc;
    const gatewaySubnets = network.privateSubnets;
    const alarms = new AlarmTopic(this, 'Alarms', { email: config.alarmEmail });

    const squid = new SquidFleet(this, 'Squid', {
      vpc: this.vpc,
      subnets: config.highAvailability ? gatewaySubnets : gatewaySubnets.slice(0, 1),
      // The gateway's ENIs are Squid's only clients; their addresses come from these subnets.
      sources: gatewaySubnets.map((s) => s.ipv4CidrBlock),
      port: config.proxyPort,
      allowPorts: config.allowPorts,
      allowDomains: config.allowDomains,
      instanceType: config.squidInstanceType,
      notifications: alarms.topic,
    });

    const resource = new ProxyResource(this, 'Proxy', {
      vpc: this.vpc,
      subnets: gatewaySubnets,
      squidSecurityGroup: squid.securityGroup,
      squidAddresses: squid.addresses,
      port: config.proxyPort,
      domainName: config.proxyDomainName,
      namePrefix: config.prefix,
      customDomainName: config.proxyCustomDomainName,
      domainVerificationId: config.proxyDomainVerificationId,
    });
    this.resourceConfigurationArn = resource.configuration.attrArn;
    this.resourceGatewayArn = resource.gateway.attrArn;

    this.probeSecurityGroup = new ec2.SecurityGroup(this, 'ProbeSecurityGroup', {
      vpc: this.vpc,
      description: 'VerifyProxy: to Squid on the proxy port, and HTTPS to AWS APIs through NAT',
      allowAllOutbound: false,
    });
    this.probeSecurityGroup.addEgressRule(squid.securityGroup, ec2.Port.tcp(config.proxyPort), 'to Squid');
    this.probeSecurityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'AWS APIs');
    squid.securityGroup.addIngressRule(this.probeSecurityGroup, ec2.Port.tcp(config.proxyPort), 'from VerifyProxy');

    if (config.shareWithAccounts.length || config.shareWithOrganizationArn) {
      new ProxyShare(this, 'Share', {
        name: hubShareName(config.prefix),
        resourceConfigurationArn: this.resourceConfigurationArn,
        accounts: config.shareWithAccounts,
        organizationArn: config.shareWithOrganizationArn,
      });
    }

    new CfnOutput(this, 'ResourceConfigurationArn', {
      value: this.resourceConfigurationArn,
      description: 'VPC Lattice resource configuration of Squid (RESOURCE_CONFIGURATION_ARN of the operator)',
    });
    new CfnOutput(this, 'ProxyPort', { value: String(config.proxyPort), description: 'Squid port' });
    suppressHubFindings(this);
  }
}
