import { parseTarget } from '../../../../handlers/lib/probe/target';
import { describeSocketError } from '../../../../handlers/lib/probe/socket-errors';

describe('parseTarget', () => {
  test.each([
    ['aws.amazon.com:443', { host: 'aws.amazon.com', port: 443, authority: 'aws.amazon.com:443' }],
    ['127.0.0.1:8080', { host: '127.0.0.1', port: 8080, authority: '127.0.0.1:8080' }],
    ['[::1]:443', { host: '::1', port: 443, authority: '[::1]:443' }],
    ['[fd00:ec2::254]:80', { host: 'fd00:ec2::254', port: 80, authority: '[fd00:ec2::254]:80' }],
  ])('%s', (text, expected) => {
    expect(parseTarget(text)).toEqual(expected);
  });

  test.each(['aws.amazon.com', ':443', 'host:0', 'host:65536', '::1:443', '[nope]:443', 'a b:443', 'host:443\r\nX: y'])(
    'rejects %j', (text) => {
      expect(() => parseTarget(text)).toThrow(/probe target/);
    },
  );
});

describe('describeSocketError', () => {
  test.each([
    [{ code: 'ECONNREFUSED' }, 'connection refused (nothing listens on that port) (ECONNREFUSED)'],
    [{ code: 'ENOTFOUND' }, 'name does not resolve (ENOTFOUND)'],
    [{ code: 'EWHATEVER' }, 'socket error (EWHATEVER)'],
    [new Error('boom'), 'boom'],
    [undefined, 'socket error'],
  ])('%j', (err, expected) => {
    expect(describeSocketError(err)).toBe(expected);
  });
});
