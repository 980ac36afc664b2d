/**
 * The local S3 through the real @aws-sdk/client-s3, on a bare local server with only this service.
 */
import { Readable } from 'node:stream';
import { CreateBucketCommand, GetObjectCommand, HeadBucketCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startLocalServer, type LocalServer } from '../../../local/server';
import { createStats } from '../../../local/stats';
import { createFaults } from '../../../local/faults';
import { createS3Service } from '../../../local/s3';

const OPERATOR = '123456789012';
let server: LocalServer;
const clients: S3Client[] = [];

function s3(account = OPERATOR, region = 'us-east-1'): S3Client {
  const client = new S3Client({ endpoint: server.url, region, forcePathStyle: true, maxAttempts: 1, credentials: { accessKeyId: account, secretAccessKey: 'local' } });
  clients.push(client);
  return client;
}

async function errorOf(p: Promise<unknown>): Promise<Error & { $metadata: { httpStatusCode?: number }; Code?: string; Key?: string; BucketName?: string }> {
  try { await p; } catch (e) { return e as never; }
  throw new Error('expected the call to fail');
}

beforeAll(async () => {
  server = await startLocalServer({ services: [createS3Service()], stats: createStats(), faults: createFaults(), log: () => undefined });
  await s3().send(new CreateBucketCommand({ Bucket: 'egress-fleet-snapshot' }));
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.close();
});

const snapshot = JSON.stringify({ takenAt: '2026-01-01T00:00:00Z', vpcs: [{ vpcId: 'vpc-1', cidrs: ['10.0.0.0/16'] }] });

describe('local S3 through @aws-sdk/client-s3 (path-style)', () => {
  test('PutObject → GetObject returns the body, ETag (MD5), Content-Type, metadata and SSE as written', async () => {
    const put = await s3().send(new PutObjectCommand({
      Bucket: 'egress-fleet-snapshot', Key: 'fleet/snapshot.json', Body: snapshot, ContentType: 'application/json',
      ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'alias/egress', Metadata: { generation: '7' },
    }));
    expect(put.ETag).toBe('"' + require('node:crypto').createHash('md5').update(snapshot).digest('hex') + '"');
    expect(put.ServerSideEncryption).toBe('aws:kms');
    expect(put.SSEKMSKeyId).toBe('alias/egress');
    const got = await s3().send(new GetObjectCommand({ Bucket: 'egress-fleet-snapshot', Key: 'fleet/snapshot.json' }));
    expect(await got.Body!.transformToString()).toBe(snapshot);
    expect(got.ETag).toBe(put.ETag);
    expect(got.ContentType).toBe('application/json');
    expect(got.ContentLength).toBe(Buffer.byteLength(snapshot));
    expect(got.Metadata).toEqual({ generation: '7' });
    expect(got.ServerSideEncryption).toBe('aws:kms');
    expect(got.LastModified).toBeInstanceOf(Date);
  });

  test('without an SSE header objects are AES256, as S3 encrypts every new object by default', async () => {
    const put = await s3().send(new PutObjectCommand({ Bucket: 'egress-fleet-snapshot', Key: 'plain.txt', Body: 'é ünïcode ✓' }));
    expect(put.ServerSideEncryption).toBe('AES256');
    const head = await s3().send(new HeadObjectCommand({ Bucket: 'egress-fleet-snapshot', Key: 'plain.txt' }));
    expect(head.ETag).toBe(put.ETag);
    expect(head.ServerSideEncryption).toBe('AES256');
    expect(head.ContentType).toBe('application/octet-stream'); // what the SDK sends when none is given
  });

  test('a streamed body (aws-chunked with a CRC32 trailer) is stored decoded, and its checksum comes back on request', async () => {
    const stream = Readable.from([Buffer.from(snapshot.slice(0, 10)), Buffer.from(snapshot.slice(10))]);
    await s3().send(new PutObjectCommand({ Bucket: 'egress-fleet-snapshot', Key: 'streamed.json', Body: stream, ContentLength: Buffer.byteLength(snapshot), ChecksumAlgorithm: 'CRC32' }));
    const got = await s3().send(new GetObjectCommand({ Bucket: 'egress-fleet-snapshot', Key: 'streamed.json', ChecksumMode: 'ENABLED' }));
    expect(await got.Body!.transformToString()).toBe(snapshot);
    expect(got.ChecksumCRC32).toMatch(/^[A-Za-z0-9+/]{6}==$/);
  });

  test('a checksum that does not match the body is BadDigest and stores nothing', async () => {
    const error = await errorOf(s3().send(new PutObjectCommand({ Bucket: 'egress-fleet-snapshot', Key: 'bad.json', Body: snapshot, ChecksumCRC32: 'AAAAAA==' })));
    expect(error.name).toBe('BadDigest');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect((await errorOf(s3().send(new HeadObjectCommand({ Bucket: 'egress-fleet-snapshot', Key: 'bad.json' })))).name).toBe('NotFound');
  });

  test('GetObject of a missing key is NoSuchKey (404, S3 XML error naming the key); HeadObject is NotFound', async () => {
    const error = await errorOf(s3().send(new GetObjectCommand({ Bucket: 'egress-fleet-snapshot', Key: 'missing.json' })));
    expect(error.name).toBe('NoSuchKey');
    expect(error.$metadata.httpStatusCode).toBe(404);
    expect(error.Key).toBe('missing.json');
    const head = await errorOf(s3().send(new HeadObjectCommand({ Bucket: 'egress-fleet-snapshot', Key: 'missing.json' })));
    expect(head.name).toBe('NotFound');
    expect(head.$metadata.httpStatusCode).toBe(404);
  });

  test('a missing bucket is NoSuchBucket for Put and Get', async () => {
    for (const command of [new PutObjectCommand({ Bucket: 'no-such-bucket', Key: 'k', Body: 'x' }), new GetObjectCommand({ Bucket: 'no-such-bucket', Key: 'k' })]) {
      const error = await errorOf(s3().send(command as never));
      expect(error.name).toBe('NoSuchBucket');
      expect(error.BucketName).toBe('no-such-bucket');
      expect(error.$metadata.httpStatusCode).toBe(404);
    }
  });

  test('buckets belong to an account and a Region: another account is AccessDenied, another Region PermanentRedirect', async () => {
    expect((await errorOf(s3('210987654321').send(new GetObjectCommand({ Bucket: 'egress-fleet-snapshot', Key: 'plain.txt' })))).name).toBe('AccessDenied');
    const moved = await errorOf(s3(OPERATOR, 'eu-west-1').send(new GetObjectCommand({ Bucket: 'egress-fleet-snapshot', Key: 'plain.txt' })));
    expect(moved.$metadata.httpStatusCode).toBe(301);
    expect((await errorOf(s3('210987654321').send(new CreateBucketCommand({ Bucket: 'egress-fleet-snapshot' })))).name).toBe('BucketAlreadyExists');
    expect((await errorOf(s3().send(new CreateBucketCommand({ Bucket: 'Not_A_Bucket' })))).name).toBe('InvalidBucketName');
    await expect(s3().send(new HeadBucketCommand({ Bucket: 'egress-fleet-snapshot' }))).resolves.toBeDefined();
  });

  test('ListObjectsV2 lists by prefix in key order and pages with a continuation token', async () => {
    for (const key of ['list/b', 'list/a', 'list/c', 'other/x']) {
      await s3().send(new PutObjectCommand({ Bucket: 'egress-fleet-snapshot', Key: key, Body: key }));
    }
    const first = await s3().send(new ListObjectsV2Command({ Bucket: 'egress-fleet-snapshot', Prefix: 'list/', MaxKeys: 2 }));
    expect(first.Contents!.map((o) => o.Key)).toEqual(['list/a', 'list/b']);
    expect(first.IsTruncated).toBe(true);
    expect(first.KeyCount).toBe(2);
    const second = await s3().send(new ListObjectsV2Command({ Bucket: 'egress-fleet-snapshot', Prefix: 'list/', ContinuationToken: first.NextContinuationToken }));
    expect(second.Contents!.map((o) => [o.Key, o.Size])).toEqual([['list/c', 6]]);
    expect(second.IsTruncated).toBe(false);
  });

  test('operations it does not implement are refused by name, not mistaken for another', async () => {
    const { DeleteObjectCommand } = await import('@aws-sdk/client-s3');
    const error = await errorOf(s3().send(new DeleteObjectCommand({ Bucket: 'egress-fleet-snapshot', Key: 'plain.txt' })));
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toMatch(/DELETE|DeleteObject/);
  });
});
