/** What `npm start -- --keep-running` prints to paste, and how the demo labels the hub VPC. */
import { execFileSync } from 'node:child_process';
import { envBlock } from '../../../local/demo/env-block';
import { labelVpcs, renderTags } from '../../../local/demo/show';

const block = envBlock({
  url: 'http://127.0.0.1:4566', region: 'us-east-1', accessKeyId: 'local', secretAccessKey: 'local',
  operatorAccount: '123456789012', memberAccounts: ['210987654321', '333333333333'],
});

describe('the paste-ready environment block', () => {
  test('one export line with endpoint, both region variables and keys; the alias for older AWS CLIs; the lines scripts read', () => {
    expect(block).toContain('export AWS_ENDPOINT_URL=http://127.0.0.1:4566 AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local');
    expect(block).toContain("alias aws='aws --endpoint-url http://127.0.0.1:4566'");
    expect(block).toContain('AWS_ENDPOINT_URL=http://127.0.0.1:4566');
    expect(block).toContain('OPERATOR_ACCOUNT=123456789012');
    expect(block).toContain('MEMBER_ACCOUNTS=210987654321,333333333333');
  });

  test('eval in a real shell sets what it says', () => {
    const script = `${block.join('\n')}\nprintf '%s|%s|%s|%s|%s' "$AWS_ENDPOINT_URL" "$AWS_DEFAULT_REGION" "$AWS_SECRET_ACCESS_KEY" "$OPERATOR_ACCOUNT" "$MEMBER_ACCOUNTS"`;
    expect(execFileSync('/bin/sh', ['-c', script], { encoding: 'utf8' })).toBe('http://127.0.0.1:4566|us-east-1|local|123456789012|210987654321,333333333333');
  });
});

describe('hub label', () => {
  const labels = new Map([['vpc-0aaaaaaaaaaaaaaa1', 'hub']]);
  test('every mention of the hub VPC gets (hub); other VPCs stay as they are', () => {
    expect(labelVpcs('3: vpc-0bbbbbbbbbbbbbbb2 vpc-0aaaaaaaaaaaaaaa1', labels)).toBe('3: vpc-0bbbbbbbbbbbbbbb2 vpc-0aaaaaaaaaaaaaaa1 (hub)');
    expect(renderTags('vpc-0bbbbbbbbbbbbbbb2', { 'egress-proxy:overlaps': '1: vpc-0aaaaaaaaaaaaaaa1' }, labels))
      .toBe('  vpc-0bbbbbbbbbbbbbbb2\n    egress-proxy:overlaps  1: vpc-0aaaaaaaaaaaaaaa1 (hub)');
  });
});
