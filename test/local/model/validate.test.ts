/**
 * Requests validated against the service model generated from the AWS SDK's own model
 * (local/model/service-model.json): required members and enum values, per protocol, and the cost.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { CreateVpcCommand, CreateVpcEndpointCommand, DeleteVpcCommand, DescribeVpcAttributeCommand } from '@aws-sdk/client-ec2';
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { generate, MODEL_FILE } from '../../../local/model/generate';
import { operationModel } from '../../../local/model';
import { validateRequest } from '../../../local/model/validate';
import { createFaults } from '../../../local/faults';
import { startLocalServer } from '../../../local/server';
import { createStats } from '../../../local/stats';
import { awsJsonResponse, awsJsonError } from '../../../local/protocol/json';
import { errorOf, startEc2OnlyCloud, type Ec2OnlyCloud } from '../helpers/ec2-only-cloud';

let cloud: Ec2OnlyCloud;
beforeAll(async () => { cloud = await startEc2OnlyCloud({ hub: false }); });
afterAll(() => cloud.close());

test('the checked-in model is what the generator makes from the installed SDK (rerun generate.ts after an SDK update)', async () => {
  expect(readFileSync(MODEL_FILE, 'utf8')).toBe(await generate());
});

test('the model carries required members and enums from the SDK, with EC2 wire names', () => {
  expect(operationModel('ec2', 'CreateTags')!.members.map((m) => [m.name, m.required])).toEqual([['ResourceId', true], ['Tag', true]]);
  expect(operationModel('ec2', 'CreateVpcEndpoint')!.members.find((m) => m.name === 'VpcEndpointType')!.enum).toContain('Resource');
  expect(operationModel('vpc-lattice', 'GetResourceGateway')!.http).toEqual(['GET', '/resourcegateways/{resourceGatewayIdentifier}']);
});

describe('EC2: MissingParameter and InvalidParameterValue', () => {
  test('a missing required member', async () => {
    const err = await errorOf(cloud.ec2().send(new DeleteVpcCommand({} as never)));
    expect([err.name, err.message]).toEqual(['MissingParameter', 'The request must contain the parameter VpcId']);
  });

  test('a value outside the enum, in an operation that existed before validation', async () => {
    const { Vpc } = await cloud.ec2().send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
    const err = await errorOf(cloud.ec2().send(new CreateVpcEndpointCommand({ VpcId: Vpc!.VpcId, VpcEndpointType: 'Teleport' as never })));
    expect(err.name).toBe('InvalidParameterValue');
    expect(err.message).toMatch(/^Value \(Teleport\) for parameter VpcEndpointType is invalid\. Valid values: .*Resource/);
    const tenancy = await errorOf(cloud.ec2().send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16', InstanceTenancy: 'shared' as never })));
    expect(tenancy.name).toBe('InvalidParameterValue');
  });

  test('validation comes before the operation: nothing is created', async () => {
    const before = cloud.ec2Store.vpcs.size;
    await errorOf(cloud.ec2().send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16', InstanceTenancy: 'shared' as never })));
    expect(cloud.ec2Store.vpcs.size).toBe(before);
  });
});

test('JSON services: ValidationException with every failing member named', async () => {
  let ran = false;
  const server = await startLocalServer({
    services: [{
      name: 'states', operationOf: () => 'ListExecutions', error: (s, c, m) => awsJsonError(s, c, m),
      handle: async () => { ran = true; return awsJsonResponse({ executions: [] }); },
    }],
    stats: createStats(), faults: createFaults(), log: () => undefined,
  });
  const sfn = new SFNClient({ endpoint: server.url, region: 'us-east-1', maxAttempts: 1, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
  try {
    const err = await errorOf(sfn.send(new ListExecutionsCommand({ stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:x', statusFilter: 'DONE' as never })));
    expect(err.name).toBe('ValidationException');
    expect(err.message).toMatch(/^1 validation error detected: Value 'DONE' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: \[.*RUNNING.*\]$/);
    expect(ran).toBe(false);
    await sfn.send(new ListExecutionsCommand({ statusFilter: 'RUNNING' }));
    expect(ran).toBe(true);
  } finally {
    sfn.destroy();
    await server.close();
  }
});

test('EC2 through the SDK after validation: a valid request still works', async () => {
  const { Vpc } = await cloud.ec2().send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16', InstanceTenancy: 'default' }));
  expect((await cloud.ec2().send(new DescribeVpcAttributeCommand({ VpcId: Vpc!.VpcId, Attribute: 'enableDnsSupport' }))).EnableDnsSupport).toEqual({ Value: true });
});

test('cost: validating a typical EC2 request takes a few microseconds', () => {
  const body = new URLSearchParams({
    Action: 'CreateVpcEndpoint', Version: '2016-11-15', VpcId: 'vpc-0123456789abcdef0', VpcEndpointType: 'Resource',
    ResourceConfigurationArn: 'arn:aws:vpc-lattice:us-east-1:123456789012:resourceconfiguration/rcfg-0123456789abcdef0',
    'SubnetId.1': 'subnet-0123456789abcdef0', 'SubnetId.2': 'subnet-0123456789abcdef1', 'TagSpecification.1.ResourceType': 'vpc-endpoint',
    'TagSpecification.1.Tag.1.Key': 'egress-proxy:owner', 'TagSpecification.1.Tag.1.Value': 'vpc-0123456789abcdef0',
  }).toString();
  const req = { method: 'POST', body, query: new URLSearchParams() };
  expect(validateRequest('ec2', 'CreateVpcEndpoint', req)).toBeUndefined();
  const n = 5000;
  const start = performance.now();
  for (let i = 0; i < n; i++) validateRequest('ec2', 'CreateVpcEndpoint', req);
  const perCallUs = ((performance.now() - start) / n) * 1000;
  // Generous bound for a shared 2-core CI machine; typically ~5–15 µs, vs milliseconds per HTTP round trip.
  expect(perCallUs).toBeLessThan(200);
});
