import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { decodePutBody } from '../../../local/s3/body';
import { S3Error } from '../../../local/s3/errors';

const crc = (text: string) => { const b = Buffer.alloc(4); b.writeUInt32BE(crc32(Buffer.from(text)) >>> 0); return b.toString('base64'); };

describe('decodePutBody', () => {
  test('aws-chunked with signed chunks and a checksum trailer decodes to the object bytes', () => {
    const raw = Buffer.from('5;chunk-signature=abc\r\nhello\r\n6;chunk-signature=def\r\n world\r\n0;chunk-signature=0\r\n'
      + `x-amz-checksum-crc32:${crc('hello world')}\r\nx-amz-trailer-signature:xyz\r\n\r\n`);
    const decoded = decodePutBody(raw, { 'content-encoding': 'aws-chunked', 'x-amz-trailer': 'x-amz-checksum-crc32' });
    expect(decoded.body.toString()).toBe('hello world');
    expect(decoded.checksums).toEqual({ crc32: crc('hello world') });
  });

  test('a trailer checksum that does not match is BadDigest', () => {
    const raw = Buffer.from(`5\r\nhello\r\n0\r\nx-amz-checksum-crc32:${crc('other')}\r\n\r\n`);
    expect(() => decodePutBody(raw, { 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER' })).toThrow(expect.objectContaining({ code: 'BadDigest' }));
  });

  test('a plain body is kept as sent; Content-MD5 and SHA-256 are verified', () => {
    const md5 = createHash('md5').update('abc').digest('base64');
    const sha256 = createHash('sha256').update('abc').digest('base64');
    expect(decodePutBody(Buffer.from('abc'), { 'content-md5': md5, 'x-amz-checksum-sha256': sha256 }).body.toString()).toBe('abc');
    expect(() => decodePutBody(Buffer.from('abd'), { 'content-md5': md5 })).toThrow(S3Error);
  });

  test.each(['zz\r\nhello\r\n0\r\n\r\n', '9\r\nhello\r\n0\r\n\r\n', '5\r\nhelloXX0\r\n\r\n', '5\r\nhello'])('malformed chunking %j is IncompleteBody', (text) => {
    expect(() => decodePutBody(Buffer.from(text), { 'content-encoding': 'aws-chunked' })).toThrow(expect.objectContaining({ code: 'IncompleteBody' }));
  });
});
