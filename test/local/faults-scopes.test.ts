/**
 * API faults scoped to a caller, a resource ID or a request parameter, through the real AWS SDK
 * (docs/local-cloud.md#api-faults).
 */
import { DescribeSubnetsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { startLocalCloud, type LocalCloud } from '../../local/cloud';
import { matchesPrincipal, matchesScopes } from '../../local/faults';
import { hasParam, mentionsId, requestParams } from '../../local/faults-params';

let cloud: LocalCloud;
beforeAll(async () => { cloud = await startLocalCloud({ iam: 'off', seedProjects: 2, memberProjects: 1 }); });
afterAll(async () => { await cloud?.stop(); });
afterEach(() => cloud.faults.clear());

const client = (accessKeyId: string) => new EC2Client({ maxAttempts: 1, credentials: { accessKeyId, secretAccessKey: 'x' } });
const errorName = (p: Promise<unknown>) => p.then(() => 'ok', (e: Error) => e.name);

describe('request parameters a scope looks at', () => {
  it('reads Query form bodies, JSON members at any depth and REST path segments', () => {
    const ec2 = requestParams({ path: '/', query: new URLSearchParams(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=CreateVpcEndpoint&VpcId=vpc-1&SubnetId.1=subnet-a&SubnetId.2=subnet-b' });
    expect(hasParam(ec2, 'SubnetId', 'subnet-b')).toBe(true);
    expect(hasParam(ec2, 'VpcId', 'vpc-2')).toBe(false);
    const json = requestParams({ path: '/', query: new URLSearchParams(), headers: { 'content-type': 'application/x-amz-json-1.0' }, body: '{"input":"{}","tags":[{"key":"k","value":"vpc-9"}]}' });
    expect(hasParam(json, 'value', 'vpc-9')).toBe(true);
    expect(mentionsId(json, 'vpc-9')).toBe(true);
    const rest = requestParams({ path: '/resourceconfigurations/rcfg-1', query: new URLSearchParams(), headers: {}, body: '' });
    expect(mentionsId(rest, 'rcfg-1')).toBe(true);
    expect(mentionsId([['ResourceConfigurationArn', 'arn:aws:vpc-lattice:us-east-1:1:resourceconfiguration/rcfg-7']], 'rcfg-7')).toBe(true);
  });

  it('a role ARN names every session of that role; a prefix names ARNs or access keys', () => {
    const session = { accountId: '123456789012', accessKeyId: 'ASIALOCAL1', arn: 'arn:aws:sts::123456789012:assumed-role/ops-role/s1', roleArn: 'arn:aws:iam::123456789012:role/egress-operator/ops-role' };
    expect(matchesPrincipal('arn:aws:iam::123456789012:role/egress-operator/ops-role', session)).toBe(true);
    expect(matchesPrincipal('arn:aws:iam::210987654321:role/egress-operator/ops-role', session)).toBe(false);
    expect(matchesPrincipal('arn:aws:sts::123456789012:assumed-role/ops-role/', session)).toBe(true);
    expect(matchesPrincipal('ASIALOCAL', session)).toBe(true);
    expect(matchesPrincipal('AKIA', session)).toBe(false);
    // A scoped rule never matches a call it cannot see the caller of.
    expect(matchesScopes({ operation: '*', kind: 'throttle', account: '123456789012' }, undefined)).toBe(false);
  });
});

describe('scoped faults through the SDK', () => {
  it('account: only the member account\'s calls fail', async () => {
    const member = cloud.memberAccountIds[0];
    cloud.faults.add({ operation: 'ec2:DescribeVpcs', kind: 'error', code: 'UnauthorizedOperation', status: 403, account: member });
    expect(await errorName(client(member).send(new DescribeVpcsCommand({})))).toBe('UnauthorizedOperation');
    expect(await errorName(client(cloud.accountId).send(new DescribeVpcsCommand({})))).toBe('ok');
    expect(await errorName(client(cloud.memberAccountIds[1]).send(new DescribeVpcsCommand({})))).toBe('ok');
  });

  it('resourceId: a call naming that VPC fails, a call naming another does not', async () => {
    const [a, b] = cloud.projectVpcIds;
    cloud.faults.add({ operation: 'ec2:*', kind: 'server-error', resourceId: a });
    const operator = client('local');
    expect(await errorName(operator.send(new DescribeVpcsCommand({ VpcIds: [a] })))).toBe('InternalError');
    expect(await errorName(operator.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [a] }] })))).toBe('InternalError');
    expect(await errorName(operator.send(new DescribeVpcsCommand({ VpcIds: [b] })))).toBe('ok');
  });

  it('param: matches one parameter\'s exact value, list members by the list\'s name', async () => {
    const [a, b] = cloud.projectVpcIds;
    cloud.faults.add({ operation: 'ec2:DescribeVpcs', kind: 'error', code: 'InvalidVpcID.NotFound', param: { name: 'VpcId', value: b }, count: 1 });
    const operator = client('local');
    expect(await errorName(operator.send(new DescribeVpcsCommand({ VpcIds: [a] })))).toBe('ok');
    expect(await errorName(operator.send(new DescribeVpcsCommand({ VpcIds: [a, b] })))).toBe('InvalidVpcID.NotFound');
    expect(await errorName(operator.send(new DescribeVpcsCommand({ VpcIds: [b] })))).toBe('ok'); // count 1 used up
  });

  it('principal: calls made as a function\'s role fail, the account root\'s do not', async () => {
    const roleArn = cloud.iam.functionRoleArns.Observe;
    cloud.faults.add({ operation: 'ec2:DescribeVpcs', kind: 'throttle', principal: roleArn });
    const asObserve = new EC2Client({ maxAttempts: 1, credentials: cloud.iam.credentialsFor('Observe')! });
    expect(await errorName(asObserve.send(new DescribeVpcsCommand({})))).toBe('RequestLimitExceeded');
    expect(await errorName(client('local').send(new DescribeVpcsCommand({})))).toBe('ok');
    const asFinalize = new EC2Client({ maxAttempts: 1, credentials: cloud.iam.credentialsFor('Finalize')! });
    expect(await errorName(asFinalize.send(new DescribeVpcsCommand({})))).toBe('ok');
  });

  it('POST /_local/faults refuses an unknown scope field and a malformed account', async () => {
    const post = (rule: unknown) => fetch(`${cloud.url}/_local/faults`, { method: 'POST', body: JSON.stringify(rule) });
    const typo = await post({ operation: '*', kind: 'throttle', resourceID: 'vpc-1' });
    expect(typo.status).toBe(400);
    expect(((await typo.json()) as { message: string }).message).toContain('resourceID');
    expect((await post({ operation: '*', kind: 'throttle', account: '12' })).status).toBe(400);
    const ok = await post({ operation: 'ec2:*', kind: 'lost-response', param: { name: 'VpcId', value: 'vpc-1' } });
    expect(ok.status).toBe(201);
    const listed = (await (await fetch(`${cloud.url}/_local/faults`)).json()) as { faults: unknown[] };
    expect(listed.faults).toEqual([expect.objectContaining({ kind: 'lost-response', param: { name: 'VpcId', value: 'vpc-1' } })]);
  });
});
