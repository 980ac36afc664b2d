import { toOperatorError } from '../../../../handlers/lib/aws/call';

const sdkError = (name: string, status = 400, fault: 'client' | 'server' = 'client') =>
  Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode: status }, $fault: fault });

describe('toOperatorError', () => {
  it.each([
    ['RequestLimitExceeded', 503, 'AwsThrottled', true],
    ['ThrottlingException', 400, 'AwsThrottled', true],
    ['InternalError', 500, 'AwsTransient', true],
    ['SomethingNew', 503, 'AwsTransient', true],
    ['InvalidVpcID.NotFound', 400, 'VpcGone', false],
    ['UnauthorizedOperation', 403, 'AccessDenied', false],
    ['InvalidParameterValue', 400, 'AwsFailure', true],
    ['IncorrectState', 400, 'AwsTransient', true],
    ['DependencyViolation', 400, 'AwsTransient', true],
    ['InvalidVpcEndpointId.NotFound', 400, 'AwsTransient', true],
    ['ExpiredToken', 400, 'AccessDenied', false],
  ])('%s (%i) → %s', (code, status, name, retryable) => {
    const mapped = toOperatorError(sdkError(code, status, status >= 500 ? 'server' : 'client'), 'DescribeVpcs');
    expect(mapped.name).toBe(name);
    expect(mapped.retryable).toBe(retryable);
    expect(mapped.message).toBe(`DescribeVpcs: ${code}: ${code} happened`);
  });
});

it('a connection reset on the way to AWS is transient (the workflow Retry takes it)', () => {
  const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
  expect(toOperatorError(reset, 'CreateTags')).toMatchObject({ name: 'AwsTransient', retryable: true, message: 'CreateTags: ECONNRESET: socket hang up' });
});
