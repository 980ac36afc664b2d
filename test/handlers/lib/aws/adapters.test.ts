/** The pure parts of the AWS adapters: hub configuration parsing, ARNs by partition, status event entries, error classes. */
import { partitionOf, roleArn, vpcArn } from '../../../../handlers/lib/aws/arns';
import { classifyAwsError } from '../../../../handlers/lib/aws/classify';
import { parseHubConfiguration } from '../../../../handlers/lib/aws/hub';
import { statusEventEntry } from '../../../../handlers/lib/aws/status-events';

const ARN = 'arn:aws:vpc-lattice:us-east-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef0';

describe('parseHubConfiguration', () => {
  const active = { arn: ARN, status: 'ACTIVE' as const, portRanges: ['3128'], resourceGatewayId: 'rgw-0123456789abcdef0', resourceConfigurationDefinition: { ipResource: { ipAddress: '10.0.1.10' } } };
  it.each([
    ['an IP target on one port', active, { ok: true, arn: ARN, host: '10.0.1.10', port: 3128, gatewayId: 'rgw-0123456789abcdef0' }],
    ['a DNS target, a one-port range, a custom domain', { ...active, portRanges: ['3128-3128'], customDomainName: 'proxy.example.internal', resourceConfigurationDefinition: { dnsResource: { domainName: 'squid.hub.internal' } } },
      { ok: true, arn: ARN, host: 'squid.hub.internal', port: 3128, gatewayId: 'rgw-0123456789abcdef0', customDomainName: 'proxy.example.internal' }],
    ['creation failed, not ACTIVE', { ...active, status: 'CREATE_FAILED' as const }, { ok: false, problem: `resource configuration ${ARN} is CREATE_FAILED, not ACTIVE` }],
    ['a real port range', { ...active, portRanges: ['3128-3130'] }, { ok: false, problem: `resource configuration ${ARN} names no single IP or DNS target with a port` }],
    ['port 0', { ...active, portRanges: ['0'] }, { ok: false, problem: `resource configuration ${ARN} names no single IP or DNS target with a port` }],
    ['no target', { ...active, resourceConfigurationDefinition: undefined }, { ok: false, problem: `resource configuration ${ARN} names no single IP or DNS target with a port` }],
  ])('%s', (_name, config, parsed) => {
    expect(parseHubConfiguration(ARN, config)).toEqual(parsed);
  });
});

describe('ARNs take the partition from the region', () => {
  it.each([
    ['us-east-1', 'aws'], ['eu-central-2', 'aws'], ['cn-north-1', 'aws-cn'], ['cn-northwest-1', 'aws-cn'], ['us-gov-west-1', 'aws-us-gov'], [undefined, 'aws'],
  ])('%s → %s', (region, partition) => {
    expect(partitionOf(region)).toBe(partition);
  });
  it('builds VPC and role ARNs in that partition', () => {
    expect(vpcArn('cn-north-1', '111122223333', 'vpc-0123456789abcdef0')).toBe('arn:aws-cn:ec2:cn-north-1:111122223333:vpc/vpc-0123456789abcdef0');
    expect(roleArn('us-gov-east-1', '111122223333', 'egress-member')).toBe('arn:aws-us-gov:iam::111122223333:role/egress-member');
  });
});

describe('statusEventEntry', () => {
  const detail = { vpc: 'vpc-0123456789abcdef0', account: '111122223333', region: 'us-gov-west-1', previousState: null, state: 'Ready', reason: 'ProxyReachable: ok', proxy: 'http://p:3128', execution: 'x' };
  it('names the VPC in its partition and the configured bus', () => {
    expect(statusEventEntry(detail, { STATUS_EVENT_BUS_NAME: 'ops' })).toEqual({
      Source: 'egress-operator', DetailType: 'Egress Proxy Status Changed', Detail: JSON.stringify(detail),
      Resources: ['arn:aws-us-gov:ec2:us-gov-west-1:111122223333:vpc/vpc-0123456789abcdef0'], EventBusName: 'ops',
    });
  });
  it('without account and region: no resource, the default bus', () => {
    expect(statusEventEntry({ ...detail, account: undefined, region: undefined }, {})).toMatchObject({ Resources: [], EventBusName: undefined });
  });
});

describe('classifyAwsError', () => {
  const sdk = (name: string, status: number, extra: object = {}) => Object.assign(new Error(`${name} said no`), { name, $metadata: { httpStatusCode: status }, ...extra });
  it.each([
    [sdk('RequestLimitExceeded', 503), 'throttled', true],
    [sdk('SlowDown', 429), 'throttled', true],
    [sdk('InternalError', 500), 'transient', true],
    [sdk('ServiceUnavailable', 400), 'transient', true],
    [Object.assign(new Error('read ETIMEDOUT'), { code: 'ETIMEDOUT' }), 'transient', true],
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }), 'unreachable', true],
    [sdk('UnrecognizedClientException', 400), 'credentials', false],
    [Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }), 'credentials', false],
    [sdk('UnauthorizedOperation', 403), 'denied', false],
    [sdk('InvalidVpcID.NotFound', 400), 'vpc-not-found', false],
    // Busy or not yet visible: EC2 answers these while a resource changes state or right after a create.
    [sdk('IncorrectState', 400), 'busy', true],
    [sdk('DependencyViolation', 400), 'busy', true],
    [sdk('InvalidVpcEndpointId.NotFound', 400), 'busy', true],
    [sdk('InvalidGroup.NotFound', 400), 'busy', true],
    // Unclassified errors are transient, as controller-runtime requeues any error it does not know.
    [sdk('InvalidParameterValue', 400), 'other', true],
  ])('%p → %s', (err, cls, transient) => {
    expect(classifyAwsError(err)).toMatchObject({ class: cls, transient });
  });
});
