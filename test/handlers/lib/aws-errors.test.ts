import { toOperatorError } from '../../../handlers/lib/aws-errors';

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
    ['InvalidParameterValue', 400, 'AwsFailure', false],
  ])('%s (%i) → %s', (code, status, name, retryable) => {
    const mapped = toOperatorError(sdkError(code, status, status >= 500 ? 'server' : 'client'), 'DescribeVpcs');
    expect(mapped.name).toBe(name);
    expect(mapped.retryable).toBe(retryable);
    expect(mapped.message).toBe(`DescribeVpcs: ${code}: ${code} happened`);
  });
});
