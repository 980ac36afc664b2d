/**
 * Squid in the hub: per AZ one fixed network interface and one Auto Scaling group of exactly one
 * instance that attaches that interface at boot. The interface, and so the address the resource
 * configuration reaches, outlives every instance: when EC2 or the ASG health check replaces a
 * failed Squid, the replacement takes over the same IP and nothing outside the hub changes.
 */
import { Aws, Duration, Stack, Tags } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { squidUserData } from './squid-user-data';

export const SQUID_COMPONENT_TAG = { key: 'egress-operator:component', value: 'squid' } as const;

export interface SquidFleetProps {
  vpc: ec2.IVpc;
  /** One Squid per subnet given (one subnet = no high availability). */
  subnets: ec2.ISubnet[];
  /** Allowed client CIDRs: the resource gateway's subnets. */
  sources: string[];
  port: number;
  allowPorts: number[];
  allowDomains: string[];
  instanceType: string;
  /** Launch/terminate notifications: a replaced Squid is something an operator wants to know. */
  notifications: sns.ITopic;
}

export class SquidFleet extends Construct {
  readonly securityGroup: ec2.SecurityGroup;
  /** The fixed interfaces, one per AZ, in subnet order. */
  readonly interfaces: ec2.CfnNetworkInterface[] = [];
  readonly groups: autoscaling.AutoScalingGroup[] = [];

  constructor(scope: Construct, id: string, props: SquidFleetProps) {
    super(scope, id);
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Squid: in only from the resource gateway (rules added by the hub), out to the internet',
      allowAllOutbound: false,
    });
    // Out: web ports for CONNECT targets, package mirrors and SSM; DNS to the VPC resolver is not filtered.
    for (const port of new Set([80, 443, ...props.allowPorts])) {
      this.securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(port), `internet tcp/${port}`);
    }

    const role = new iam.Role(this, 'InstanceRole', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      description: 'Squid instances: SSM Session Manager and attaching their AZ\'s fixed interface',
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore')],
    });

    const instanceType = new ec2.InstanceType(props.instanceType);
    const machineImage = ec2.MachineImage.latestAmazonLinux2023({
      cpuType: instanceType.architecture === ec2.InstanceArchitecture.ARM_64
        ? ec2.AmazonLinuxCpuType.ARM_64 : ec2.AmazonLinuxCpuType.X86_64,
    });

    props.subnets.forEach((subnet, index) => {
      const eni = new ec2.CfnNetworkInterface(this, `Interface${index}`, {
        subnetId: subnet.subnetId,
        groupSet: [this.securityGroup.securityGroupId],
        description: `egress-operator Squid fixed address, AZ ${index}`,
        tags: [{ key: SQUID_COMPONENT_TAG.key, value: SQUID_COMPONENT_TAG.value }],
      });
      this.interfaces.push(eni);

      const launchTemplate = new ec2.LaunchTemplate(this, `LaunchTemplate${index}`, {
        instanceType,
        machineImage,
        role,
        securityGroup: this.securityGroup,
        requireImdsv2: true,
        httpPutResponseHopLimit: 1,
        detailedMonitoring: true,
        userData: squidUserData({
          sources: props.sources,
          port: props.port,
          allowPorts: props.allowPorts,
          allowDomains: props.allowDomains,
          networkInterfaceId: eni.ref,
        }),
        blockDevices: [{
          deviceName: '/dev/xvda',
          volume: ec2.BlockDeviceVolume.ebs(8, { encrypted: true, volumeType: ec2.EbsDeviceVolumeType.GP3 }),
        }],
        // No key pair: shell access only through SSM Session Manager.
      });

      const group = new autoscaling.AutoScalingGroup(this, `Group${index}`, {
        vpc: props.vpc,
        vpcSubnets: { subnets: [subnet] },
        launchTemplate,
        minCapacity: 1,
        maxCapacity: 1,
        healthChecks: autoscaling.HealthChecks.ec2({ gracePeriod: Duration.minutes(5) }),
        notifications: [{ topic: props.notifications }],
        // One instance: replace in place; the new one waits for the old one to release the interface.
        updatePolicy: autoscaling.UpdatePolicy.rollingUpdate({ minInstancesInService: 0, maxBatchSize: 1 }),
      });
      Tags.of(group).add(SQUID_COMPONENT_TAG.key, SQUID_COMPONENT_TAG.value, { applyToLaunchedInstances: true });
      this.groups.push(group);
    });

    // Attach only our fixed interfaces, and only to instances the Squid groups launched.
    const { partition } = Stack.of(this);
    role.addToPolicy(new iam.PolicyStatement({
      actions: ['ec2:AttachNetworkInterface'],
      resources: this.interfaces.map((eni) =>
        `arn:${partition}:ec2:${Aws.REGION}:${Aws.ACCOUNT_ID}:network-interface/${eni.ref}`),
    }));
    role.addToPolicy(new iam.PolicyStatement({
      actions: ['ec2:AttachNetworkInterface'],
      resources: [`arn:${partition}:ec2:${Aws.REGION}:${Aws.ACCOUNT_ID}:instance/*`],
      conditions: { StringEquals: { [`aws:ResourceTag/${SQUID_COMPONENT_TAG.key}`]: SQUID_COMPONENT_TAG.value } },
    }));
  }

  /** The fixed private addresses of Squid, one per AZ. */
  get addresses(): string[] {
    return this.interfaces.map((eni) => eni.attrPrimaryPrivateIpAddress);
  }
}
