import { ec2BucketFor, LambdaConcurrency, RequestThrottle, startExecutionLimits } from '../../../local/throttle';
import { EC2_OPERATIONS } from '../../../local/ec2/service';

// https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html, "Request token bucket sizes and refill rates".
describe('EC2 bucket per action (category table and uncategorized actions)', () => {
  test.each([
    ['DescribeVpcs', [], 'DescribeVpcs', 'non-mutating', 100, 20],
    ['DescribeSubnets', ['Filter.1.Name'], 'DescribeSubnets', 'non-mutating', 100, 20],
    ['DescribeSecurityGroups', [], 'DescribeSecurityGroups:unfiltered', 'unfiltered-unpaginated', 50, 10],
    ['DescribeSecurityGroups', ['GroupId.1'], 'DescribeSecurityGroups:unfiltered', 'unfiltered-unpaginated', 50, 10],
    ['DescribeSecurityGroups', ['Filter.1.Name', 'Filter.1.Value.1'], 'DescribeSecurityGroups', 'non-mutating', 100, 20],
    ['DescribeNetworkInterfaces', ['MaxResults'], 'DescribeNetworkInterfaces', 'non-mutating', 100, 20],
    ['DescribeNetworkInterfaces', ['NextToken'], 'DescribeNetworkInterfaces', 'non-mutating', 100, 20],
    ['CreateVpc', [], 'CreateVpc', 'mutating', 50, 5],
    ['ModifyVpcAttribute', [], 'ModifyVpcAttribute', 'mutating', 50, 5],
    ['AuthorizeSecurityGroupIngress', [], 'AuthorizeSecurityGroupIngress', 'resource-intensive', 50, 5],
    ['RevokeSecurityGroupIngress', [], 'RevokeSecurityGroupIngress', 'resource-intensive', 50, 5],
    ['CreateTags', [], 'CreateTags', 'uncategorized', 100, 10],
    ['DeleteTags', [], 'DeleteTags', 'uncategorized', 100, 10],
    ['CreateVpcEndpoint', [], 'CreateVpcEndpoint', 'uncategorized', 4, 0.3],
    ['DeleteVpcEndpoints', [], 'DeleteVpcEndpoints', 'uncategorized', 4, 0.3],
  ])('%s %j → bucket %s (%s, %d / %d per s)', (action, params, key, category, capacity, refillPerSecond) => {
    expect(ec2BucketFor(action, params as string[])).toEqual({ key, category, limits: { capacity, refillPerSecond } });
  });

  test('every EC2 action the local cloud implements has a bucket', () => {
    for (const action of Object.keys(EC2_OPERATIONS)) {
      const bucket = ec2BucketFor(action);
      expect(bucket.limits.capacity).toBeGreaterThanOrEqual(1);
      expect(bucket.limits.refillPerSecond).toBeGreaterThan(0);
    }
  });
});

describe('RequestThrottle', () => {
  const call = (operation: string, account = '111111111111', region = 'us-east-1') => ({ service: 'ec2', operation, account, region });

  test('the 51st CreateVpc in one second is RequestLimitExceeded, counted as ec2:CreateVpc; other actions are unaffected', () => {
    const throttle = new RequestThrottle({ now: () => 0 });
    for (let i = 0; i < 50; i++) expect(throttle.check(call('CreateVpc')).throttled).toBe(false);
    const refused = throttle.check(call('CreateVpc'));
    expect(refused).toEqual({
      throttled: true, bucket: 'CreateVpc', retryAfterMs: 200,
      error: { status: 503, code: 'RequestLimitExceeded', message: 'Request limit exceeded.' },
    });
    expect(throttle.check(call('DeleteVpc')).throttled).toBe(false);
    expect(throttle.throttled()).toEqual({ 'ec2:CreateVpc': 1 });
  });

  test('buckets are per account and per Region', () => {
    const throttle = new RequestThrottle({ now: () => 0 });
    for (let i = 0; i < 4; i++) throttle.check(call('CreateVpcEndpoint'));
    expect(throttle.check(call('CreateVpcEndpoint')).throttled).toBe(true);
    expect(throttle.check(call('CreateVpcEndpoint', '222222222222')).throttled).toBe(false);
    expect(throttle.check(call('CreateVpcEndpoint', '111111111111', 'eu-west-1')).throttled).toBe(false);
  });

  test('the clock refills: a throttled caller that waits retryAfterMs gets through', () => {
    let now = 0;
    const throttle = new RequestThrottle({ now: () => now });
    for (let i = 0; i < 100; i++) throttle.check(call('DescribeVpcs'));
    const refused = throttle.check(call('DescribeVpcs'));
    expect(refused.throttled).toBe(true);
    now += refused.throttled ? refused.retryAfterMs : 0;
    expect(throttle.check(call('DescribeVpcs')).throttled).toBe(false);
  });

  test('StartExecution: 1,300 / 300 in us-east-1, 800 / 150 in other Regions; ThrottlingException', () => {
    expect(startExecutionLimits('us-east-1')).toEqual({ capacity: 1300, refillPerSecond: 300 });
    expect(startExecutionLimits('eu-west-1')).toEqual({ capacity: 1300, refillPerSecond: 300 });
    expect(startExecutionLimits('ap-southeast-2')).toEqual({ capacity: 800, refillPerSecond: 150 });
    const throttle = new RequestThrottle({ now: () => 0 });
    const start = { service: 'states', operation: 'StartExecution', account: '111111111111', region: 'ap-southeast-2' };
    for (let i = 0; i < 800; i++) expect(throttle.check(start).throttled).toBe(false);
    const refused = throttle.check(start);
    expect(refused.throttled && refused.error).toEqual({ status: 400, code: 'ThrottlingException', message: 'Rate exceeded' });
    expect(throttle.check({ ...start, operation: 'DescribeExecution' }).throttled).toBe(false);
    expect(throttle.throttled()).toEqual({ 'states:StartExecution': 1 });
  });

  test('disabled, nothing is throttled; reset refills and forgets counts', () => {
    const throttle = new RequestThrottle({ now: () => 0, enabled: false });
    for (let i = 0; i < 200; i++) expect(throttle.check(call('CreateVpc')).throttled).toBe(false);
    throttle.enabled = true;
    for (let i = 0; i < 51; i++) throttle.check(call('CreateVpc'));
    expect(throttle.throttled()).toEqual({ 'ec2:CreateVpc': 1 });
    throttle.reset();
    expect(throttle.throttled()).toEqual({});
    expect(throttle.check(call('CreateVpc')).throttled).toBe(false);
  });
});

describe('LambdaConcurrency (1,000 concurrent executions per account and Region by default)', () => {
  test('the 1,001st concurrent invocation is TooManyRequestsException; finishing one frees a slot', () => {
    const lambda = new LambdaConcurrency();
    const running = Array.from({ length: 1000 }, () => lambda.tryStart('111111111111', 'us-east-1'));
    expect(running.every((d) => d.admitted)).toBe(true);
    const refused = lambda.tryStart('111111111111', 'us-east-1');
    expect(refused).toEqual({ admitted: false, error: { status: 429, code: 'TooManyRequestsException', message: 'Rate Exceeded.', reason: 'ConcurrentInvocationLimitExceeded' } });
    expect(lambda.tryStart('111111111111', 'us-west-2').admitted).toBe(true);
    const first = running[0];
    if (first.admitted) { first.finish(); first.finish(); }
    expect(lambda.inFlight('111111111111', 'us-east-1')).toBe(999);
    expect(lambda.tryStart('111111111111', 'us-east-1').admitted).toBe(true);
    expect(lambda.tryStart('111111111111', 'us-east-1').admitted).toBe(false);
    expect(lambda.refused).toBe(2);
  });

  test('a limit that is not a positive integer is refused', () => {
    expect(() => new LambdaConcurrency(0)).toThrow(RangeError);
  });
});
