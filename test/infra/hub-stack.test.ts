/** Hub stack: IMDSv2, no open ingress, Squid reachable only from the gateway, the RAM share, outputs. */
import { Match, Template } from 'aws-cdk-lib/assertions';
import { knowsRegionAzs } from '../../infra/constructs/hub-network';
import { defaultConfig } from '../../infra/config';
import { HubStack } from '../../infra/stacks/hub-stack';
import { buildStacks, template, testApp } from './helpers';

describe('hub stack (defaults + one account share)', () => {
  let t: Template;
  beforeAll(() => {
    t = template(buildStacks({ shareWithAccounts: ['111111111111', '222222222222'] }).hub);
  });

  test('Squid launch template requires IMDSv2 and has no key pair', () => {
    t.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: Match.objectLike({
        MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 1 },
        KeyName: Match.absent(),
      }),
    });
  });

  test('no security group accepts traffic from a CIDR; Squid only from the gateway and the probe', () => {
    for (const sg of Object.values(t.findResources('AWS::EC2::SecurityGroup'))) {
      expect(sg.Properties.SecurityGroupIngress ?? []).toEqual([]);
    }
    const ingress = Object.values(t.findResources('AWS::EC2::SecurityGroupIngress')).map((r) => r.Properties);
    expect(ingress).toHaveLength(2);
    for (const rule of ingress) {
      expect(rule.CidrIp).toBeUndefined();
      expect(rule.CidrIpv6).toBeUndefined();
      expect(rule.SourceSecurityGroupId).toBeDefined();
      expect([rule.FromPort, rule.ToPort]).toEqual([3128, 3128]);
    }
    expect(ingress.map((r) => r.SourceSecurityGroupId['Fn::GetAtt'][0]).sort())
      .toEqual([expect.stringMatching(/^ProbeSecurityGroup/), expect.stringMatching(/^ProxyGatewaySecurityGroup/)]);
  });

  test('the resource gateway may only go out to Squid on the proxy port', () => {
    const gatewaySg = Object.entries(t.findResources('AWS::EC2::SecurityGroup'))
      .find(([id]) => id.startsWith('ProxyGatewaySecurityGroup'))!;
    expect(gatewaySg[1].Properties.SecurityGroupEgress).toBeUndefined();
    t.hasResourceProperties('AWS::EC2::SecurityGroupEgress', {
      GroupId: { 'Fn::GetAtt': [gatewaySg[0], 'GroupId'] },
      DestinationSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SquidSecurityGroup'), 'GroupId'] },
      IpProtocol: 'tcp', FromPort: 3128, ToPort: 3128,
    });
  });

  test('resource gateway resolves IN_VPC; configuration is TCP on the proxy port to the private name', () => {
    t.hasResourceProperties('AWS::VpcLattice::ResourceGateway', { ResourceConfigDnsResolution: 'IN_VPC' });
    t.hasResourceProperties('AWS::VpcLattice::ResourceConfiguration', {
      ProtocolType: 'TCP',
      PortRanges: ['3128'],
      ResourceConfigurationType: 'SINGLE',
      ResourceConfigurationDefinition: { DnsResource: { DomainName: 'squid.egress-proxy.internal', IpAddressType: 'IPV4' } },
    });
    t.hasResourceProperties('AWS::Route53::RecordSet', {
      Name: 'squid.egress-proxy.internal.', Type: 'A',
      ResourceRecords: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^SquidInterface0'), 'PrimaryPrivateIpAddress'] }],
    });
  });

  test('RAM share of the resource configuration with the configured accounts', () => {
    t.hasResourceProperties('AWS::RAM::ResourceShare', {
      Principals: ['111111111111', '222222222222'],
      ResourceArns: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^ProxyConfiguration'), 'Arn'] }],
      AllowExternalPrincipals: true,
    });
  });

  test('one Squid without high availability, in one ASG of exactly one instance', () => {
    t.resourceCountIs('AWS::AutoScaling::AutoScalingGroup', 1);
    t.resourceCountIs('AWS::EC2::NetworkInterface', 1);
    t.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', { MinSize: '1', MaxSize: '1' });
  });

  test('user data renders the Squid config for the gateway subnets and attaches the fixed interface', () => {
    const lt = Object.values(t.findResources('AWS::EC2::LaunchTemplate'))[0];
    const userData = JSON.stringify(lt.Properties.LaunchTemplateData.UserData);
    expect(userData).toContain('acl egress_clients src 10.0.4.0/22 10.0.8.0/22');
    expect(userData).toContain('http_port 3128');
    expect(userData).toContain('attach-network-interface');
    expect(userData).toContain('SquidInterface0');
  });

  test('instance role may attach only the fixed interfaces, only to Squid instances', () => {
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({
        Action: 'ec2:AttachNetworkInterface',
        Condition: { StringEquals: { 'aws:ResourceTag/egress-operator:component': 'squid' } },
      })]) },
    });
  });

  test('outputs the resource configuration ARN and the proxy port', () => {
    t.hasOutput('ResourceConfigurationArn', { Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ProxyConfiguration'), 'Arn'] } });
    t.hasOutput('ProxyPort', { Value: '3128' });
  });
});

describe('hub stack variants', () => {
  test('high availability: one fixed interface, ASG and A record per AZ; NAT per AZ; subnets by AZ ID', () => {
    const t = template(buildStacks({
      highAvailability: true, natGateways: 'per-az', availabilityZoneIds: ['euw1-az1', 'euw1-az2', 'euw1-az3'],
    }).hub);
    t.resourceCountIs('AWS::AutoScaling::AutoScalingGroup', 3);
    t.resourceCountIs('AWS::EC2::NetworkInterface', 3);
    t.resourceCountIs('AWS::EC2::NatGateway', 3);
    const record = Object.values(t.findResources('AWS::Route53::RecordSet'))[0];
    expect(record.Properties.ResourceRecords).toHaveLength(3);
    t.resourceCountIs('AWS::RAM::ResourceShare', 0);
    const subnets = Object.values(t.findResources('AWS::EC2::Subnet')).map((r) => r.Properties);
    expect(subnets).toHaveLength(6);
    for (const subnet of subnets) expect(subnet.AvailabilityZone).toBeUndefined();
    expect([...new Set(subnets.map((p) => p.AvailabilityZoneId))].sort()).toEqual(['euw1-az1', 'euw1-az2', 'euw1-az3']);
  });

  test('organization share keeps the share inside the organization', () => {
    const org = 'arn:aws:organizations::123456789012:organization/o-abcdef1234';
    const t = template(buildStacks({ shareWithOrganizationArn: org }).hub);
    t.hasResourceProperties('AWS::RAM::ResourceShare', { Principals: [org], AllowExternalPrincipals: false });
  });

  test('by default every AZ of the region: with an account and region, CDK\'s AZ lookup lists them all', () => {
    const app = testApp();
    // What `cdk deploy` finds with credentials (and caches in cdk.context.json): six AZs in us-east-1.
    const azs = ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d', 'us-east-1e', 'us-east-1f'];
    app.node.setContext('availability-zones:account=123456789012:region=us-east-1', azs);
    const hub = new HubStack(app, 'Hub', { config: defaultConfig(), env: { account: '123456789012', region: 'us-east-1' } });
    const t = template(hub);
    const gateway = Object.values(t.findResources('AWS::VpcLattice::ResourceGateway'))[0];
    expect(gateway.Properties.SubnetIds).toHaveLength(6);
    const zones = Object.values(t.findResources('AWS::EC2::Subnet')).map((r) => r.Properties.AvailabilityZone);
    expect([...new Set(zones)].sort()).toEqual(azs);
  });

  test('without an account and region (no credentials) the synth covers the 2 AZs it knows', () => {
    const { hub } = buildStacks();
    expect(knowsRegionAzs(hub)).toBe(false);
    expect(Object.values(template(hub).findResources('AWS::VpcLattice::ResourceGateway'))[0].Properties.SubnetIds).toHaveLength(2);
  });
});

describe('custom domain name', () => {
  it('is set on the resource configuration when configured', () => {
    template(buildStacks({ proxyCustomDomainName: 'proxy.egress.example.com' }).hub)
      .hasResourceProperties('AWS::VpcLattice::ResourceConfiguration', { CustomDomainName: 'proxy.egress.example.com' });
  });
});
