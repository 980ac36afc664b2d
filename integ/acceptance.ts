/**
 * The acceptance test for a real (sandbox) account, as a CDK integ test (@aws-cdk/integ-tests-alpha):
 * hub + operator + a project VPC that overlaps the hub; tag the VPC egress=proxy, wait until the
 * operator says Ready, prove the data path from inside the project VPC (a Lambda there CONNECTs
 * through the proxy URL the operator wrote and fetches an AWS public endpoint), opt out, wait for the
 * cleanup. integ-runner then destroys the stacks. infra/README.md says how to run it, how long it
 * takes and what it costs; test/infra/acceptance.test.ts synthesizes it offline.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { ExpectedResult, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { buildHubAndOperator } from '../infra/app';
import { defaultConfig } from '../infra/config';
import { CONNECT_PROBE_SOURCE } from './connect-probe';

/** Its own prefix, so it can run in an account that also has a real deployment. */
export const ACCEPTANCE_PREFIX = 'egress-acceptance';
const PROXY_PORT = 3128;
/** An AWS public endpoint that answers plain HTTPS GETs (with the caller's public IP: the hub's NAT). */
export const PUBLIC_ENDPOINT = 'checkip.amazonaws.com';

/** The project side: an isolated VPC (no internet of its own) and the probe function inside it. */
class ProjectStack extends Stack {
  readonly vpc: ec2.Vpc;
  readonly probe: lambda.Function;

  constructor(scope: App, id: string) {
    super(scope, id, { description: 'egress-operator acceptance test: a project VPC without internet access' });
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr('10.0.0.0/16'), // the hub's CIDR too: overlap is the point
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }],
    });
    const sg = new ec2.SecurityGroup(this, 'ProbeSecurityGroup', {
      vpc: this.vpc, allowAllOutbound: false, description: 'probe: only to the resource endpoint on the proxy port',
    });
    sg.addEgressRule(ec2.Peer.ipv4(this.vpc.vpcCidrBlock), ec2.Port.tcp(PROXY_PORT), 'to the resource endpoint');
    this.probe = new lambda.Function(this, 'Probe', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline(CONNECT_PROBE_SOURCE),
      timeout: Duration.seconds(30),
      vpc: this.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      securityGroups: [sg],
      description: 'CONNECT through the egress-proxy URL to an AWS public endpoint',
    });
  }
}

export function buildAcceptanceTest(app: App) {
  const config = defaultConfig({ prefix: ACCEPTANCE_PREFIX, proxyPort: PROXY_PORT, fleetSweepSchedule: 'rate(5 minutes)' });
  // integ-runner runs `cdk` with credentials, which sets these: the hub then spans every AZ of the region.
  const env = process.env.CDK_DEFAULT_ACCOUNT ? { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION } : undefined;
  const { hub, operator } = buildHubAndOperator(app, config, { env, idPrefix: 'Acceptance' });
  // Environment-agnostic like the assertions stack, which references it (no cross-environment references).
  const project = new ProjectStack(app, 'AcceptanceProject');
  const test = new IntegTest(app, 'EgressAcceptance', {
    testCases: [hub, operator, project],
    diffAssets: false,
    cdkCommandOptions: { destroy: { args: { force: true } } },
  });
  const vpcId = project.vpc.vpcId;
  const tagsOf = (key: string) => ({
    Filters: [{ Name: 'resource-id', Values: [vpcId] }, { Name: 'key', Values: [key] }],
  });
  const wait = { totalTimeout: Duration.minutes(30), interval: Duration.seconds(30) };

  const optIn = test.assertions.awsApiCall('EC2', 'createTags', { Resources: [vpcId], Tags: [{ Key: 'egress', Value: 'proxy' }] });
  const ready = test.assertions.awsApiCall('EC2', 'describeTags', tagsOf('egress-proxy:state'))
    .expect(ExpectedResult.objectLike({ Tags: [Match.objectLike({ Value: 'Ready' })] }))
    .waitForAssertions(wait);
  const proxyUrl = test.assertions.awsApiCall('EC2', 'describeTags', tagsOf('egress-proxy'));
  const dataPath = test.assertions.invokeFunction({
    functionName: project.probe.functionName,
    payload: JSON.stringify({ proxy: proxyUrl.getAttString('Tags.0.Value'), target: PUBLIC_ENDPOINT }),
  }).expect(ExpectedResult.objectLike({
    StatusCode: 200,
    Payload: Match.stringLikeRegexp(`CONNECT ${PUBLIC_ENDPOINT}:443 -> 200; GET https://${PUBLIC_ENDPOINT}/ -> 200`),
  }));
  const optOut = test.assertions.awsApiCall('EC2', 'deleteTags', { Resources: [vpcId], Tags: [{ Key: 'egress' }] });
  const ownedBy = (key: string) => ({ Filters: [{ Name: `tag:${key}`, Values: [vpcId] }] });
  const endpointsGone = test.assertions.awsApiCall('EC2', 'describeVpcEndpoints', ownedBy('egress-proxy:owner'))
    .expect(ExpectedResult.objectLike({ VpcEndpoints: [] }))
    .waitForAssertions(wait);
  const groupsGone = test.assertions.awsApiCall('EC2', 'describeSecurityGroups', ownedBy('egress-proxy:owner'))
    .expect(ExpectedResult.objectLike({ SecurityGroups: [] }))
    .waitForAssertions(wait);
  const statusGone = test.assertions.awsApiCall('EC2', 'describeTags', tagsOf('egress-proxy*'))
    .expect(ExpectedResult.objectLike({ Tags: [] }))
    .waitForAssertions(wait);
  optIn.next(ready).next(proxyUrl).next(dataPath).next(optOut).next(endpointsGone).next(groupsGone).next(statusGone);
  return { test, hub, operator, project };
}
