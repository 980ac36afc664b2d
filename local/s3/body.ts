/**
 * The object bytes of a PutObject request. SDKs send either the plain body or, for streams, the
 * `aws-chunked` encoding (`<hex size>[;chunk-signature=…]\r\n<bytes>\r\n…0\r\n<trailers>\r\n\r\n`) with
 * the checksum as a trailer (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html).
 * Checksums the writer sent (Content-MD5, x-amz-checksum-crc32/sha1/sha256) are verified as S3 does:
 * a mismatch is BadDigest, never a silently stored object
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html).
 */
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { S3Error } from './errors';

type Headers = Record<string, string | string[] | undefined>;
const header = (headers: Headers, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

export interface DecodedBody { body: Buffer; checksums: Record<string, string> }

const VERIFIED: Record<string, (body: Buffer) => string> = {
  crc32: (body) => { const b = Buffer.alloc(4); b.writeUInt32BE(crc32(body) >>> 0); return b.toString('base64'); },
  sha1: (body) => createHash('sha1').update(body).digest('base64'),
  sha256: (body) => createHash('sha256').update(body).digest('base64'),
};
const CHECKSUM_HEADER = /^x-amz-checksum-(crc32|crc32c|crc64nvme|sha1|sha256)$/;

export function decodePutBody(raw: Buffer, headers: Headers): DecodedBody {
  const chunked = (header(headers, 'content-encoding') ?? '').includes('aws-chunked')
    || (header(headers, 'x-amz-content-sha256') ?? '').startsWith('STREAMING-');
  const trailers: Record<string, string> = {};
  const body = chunked ? decodeChunks(raw, trailers) : raw;
  const checksums: Record<string, string> = {};
  for (const [name, value] of [...Object.entries(headers), ...Object.entries(trailers)]) {
    const m = CHECKSUM_HEADER.exec(name.toLowerCase());
    const text = Array.isArray(value) ? value[0] : value;
    if (m && text) checksums[m[1]] = text;
  }
  for (const [algorithm, expected] of Object.entries(checksums)) {
    const compute = VERIFIED[algorithm];
    if (compute && compute(body) !== expected) {
      throw new S3Error(400, 'BadDigest', `The ${algorithm.toUpperCase()} you specified did not match the calculated checksum.`);
    }
  }
  const md5 = header(headers, 'content-md5');
  if (md5 && createHash('md5').update(body).digest('base64') !== md5) {
    throw new S3Error(400, 'BadDigest', 'The Content-MD5 you specified did not match what we received.');
  }
  return { body, checksums };
}

function decodeChunks(raw: Buffer, trailers: Record<string, string>): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  const line = (): string => {
    const end = raw.indexOf('\r\n', at);
    if (end < 0) throw malformed();
    const text = raw.subarray(at, end).toString('latin1');
    at = end + 2;
    return text;
  };
  for (;;) {
    const size = Number.parseInt(line().split(';')[0], 16);
    if (!Number.isInteger(size) || size < 0 || at + size > raw.length) throw malformed();
    if (size === 0) break;
    parts.push(raw.subarray(at, at + size));
    at += size;
    if (raw.subarray(at, at + 2).toString('latin1') !== '\r\n') throw malformed();
    at += 2;
  }
  while (at < raw.length) {
    const text = line();
    if (text === '') break;
    const colon = text.indexOf(':');
    if (colon > 0 && !text.startsWith('x-amz-trailer-signature')) trailers[text.slice(0, colon).trim().toLowerCase()] = text.slice(colon + 1).trim();
  }
  return Buffer.concat(parts);
}

const malformed = () => new S3Error(400, 'IncompleteBody', 'The request body is not valid aws-chunked encoding.');
