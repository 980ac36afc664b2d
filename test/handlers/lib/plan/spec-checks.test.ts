import { regionOfArn, regionProblem, vpcDnsProblem } from '../../../../handlers/lib/plan/spec-checks';

const CONFIG = 'arn:aws:vpc-lattice:us-east-1:123456789012:resourceconfiguration/rcfg-0123456789abcdef0';

describe('regionProblem', () => {
  it.each([
    ['the hub\'s Region', 'us-east-1', undefined],
    ['an unknown Region (the operator\'s default)', undefined, undefined],
  ])('accepts %s', (_name, region, expected) => {
    expect(regionProblem(region, CONFIG)).toBe(expected);
  });
  it('names both Regions for a VPC elsewhere', () => {
    expect(regionProblem('eu-west-1', CONFIG)).toMatch(/^no hub in eu-west-1 \(the hub's resource configuration is in us-east-1\)/);
  });
  it('reads the Region of other partitions', () => {
    expect(regionOfArn('arn:aws-cn:vpc-lattice:cn-north-1:123456789012:resourceconfiguration/rcfg-1')).toBe('cn-north-1');
  });
});

describe('vpcDnsProblem', () => {
  it.each([
    [{ enableDnsSupport: true, enableDnsHostnames: true }, undefined],
    [{ enableDnsSupport: true, enableDnsHostnames: false }, /^enableDnsHostnames is off on vpc-1, .*--enable-dns-hostnames '\{"Value":true\}'$/],
    [{ enableDnsSupport: false, enableDnsHostnames: true }, /^enableDnsSupport is off on vpc-1, .*--enable-dns-support/],
    [{ enableDnsSupport: false, enableDnsHostnames: false }, /^enableDnsSupport and enableDnsHostnames are off .*--enable-dns-support .* and .*--enable-dns-hostnames/],
  ])('%j → %s', (dns, expected) => {
    const problem = vpcDnsProblem('vpc-1', dns);
    if (expected === undefined) expect(problem).toBeUndefined();
    else expect(problem).toMatch(expected);
  });
});
