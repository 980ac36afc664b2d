/**
 * ListObjectsV2 (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html): keys in
 * UTF-8 binary order, `prefix`, `start-after`, `max-keys` (default and most 1,000) and an opaque
 * continuation token. `delimiter` (common prefixes) is not implemented and says so.
 */
import type { LocalResponse } from '../service';
import { escapeXml } from '../protocol/xml';
import { S3Error } from './errors';
import type { Bucket } from './store';

const S3_XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';
const MAX_KEYS = 1000;

export function renderListObjectsV2(bucket: Bucket, query: URLSearchParams): LocalResponse {
  if (query.get('delimiter')) throw new S3Error(501, 'NotImplemented', 'The local S3 does not implement ListObjectsV2 with a delimiter');
  const prefix = query.get('prefix') ?? '';
  const maxKeysText = query.get('max-keys');
  const maxKeys = maxKeysText === null ? MAX_KEYS : Number(maxKeysText);
  if (!Number.isInteger(maxKeys) || maxKeys < 0) throw new S3Error(400, 'InvalidArgument', 'Provided max-keys not an integer or within integer range', { ArgumentName: 'max-keys', ArgumentValue: String(maxKeysText) });
  const token = query.get('continuation-token');
  let after = query.get('start-after') ?? '';
  if (token !== null) {
    const decoded = Buffer.from(token, 'base64url').toString('utf8');
    if (!decoded.startsWith('k:')) throw new S3Error(400, 'InvalidArgument', 'The continuation token provided is incorrect', { ArgumentName: 'continuation-token' });
    after = decoded.slice(2);
  }
  const keys = [...bucket.objects.keys()]
    .filter((key) => key.startsWith(prefix) && compareUtf8(key, after) > 0)
    .sort(compareUtf8);
  const page = keys.slice(0, Math.min(maxKeys, MAX_KEYS));
  const truncated = keys.length > page.length;
  const contents = page.map((key) => {
    const o = bucket.objects.get(key)!;
    return `<Contents><Key>${escapeXml(key)}</Key><LastModified>${o.lastModified.toISOString()}</LastModified><ETag>${escapeXml(o.etag)}</ETag><Size>${o.body.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`;
  }).join('');
  const next = truncated ? `<NextContinuationToken>${Buffer.from(`k:${page[page.length - 1]}`).toString('base64url')}</NextContinuationToken>` : '';
  const echo = [
    token !== null ? `<ContinuationToken>${escapeXml(token)}</ContinuationToken>` : '',
    query.get('start-after') !== null ? `<StartAfter>${escapeXml(query.get('start-after')!)}</StartAfter>` : '',
  ].join('');
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="${S3_XMLNS}"><Name>${escapeXml(bucket.name)}</Name><Prefix>${escapeXml(prefix)}</Prefix>${echo}<KeyCount>${page.length}</KeyCount><MaxKeys>${maxKeys}</MaxKeys><IsTruncated>${truncated}</IsTruncated>${contents}${next}</ListBucketResult>`;
  return { status: 200, headers: { 'content-type': 'application/xml' }, body };
}

/** S3 lists keys in UTF-8 byte order, which differs from UTF-16 order for astral characters. */
function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
