/**
 * The local S3 as startLocalCloud wires it, through the real @aws-sdk/client-s3 (path-style): the
 * operator's seeded fleet-snapshot bucket, binary objects with checksums stored byte for byte, HEAD
 * keeping the object's Content-Length, and S3 calls counted like any other.
 */
import type { StatsSnapshot } from '../../../local/stats';
import { randomBytes } from 'node:crypto';
import { GetObjectCommand, HeadBucketCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startLocalCloud, type LocalCloud } from '../../../local/cloud';
import { FLEET_SNAPSHOT_BUCKET_ENV } from '../../../local/s3';

let cloud: LocalCloud;
const clients: S3Client[] = [];
beforeAll(async () => { cloud = await startLocalCloud({ iam: 'off', proxy: 'stand-in', seedProjects: 1 }); });
afterAll(async () => {
  for (const c of clients) c.destroy();
  await cloud?.stop();
});

function s3(account: string): S3Client {
  const client = new S3Client({
    endpoint: cloud.url, region: cloud.region, forcePathStyle: true, maxAttempts: 1,
    credentials: { accessKeyId: account, secretAccessKey: 'local' },
  });
  clients.push(client);
  return client;
}

describe('S3 in the local cloud', () => {
  test('seeds the Operator stack\'s snapshot bucket in the operator account and home Region, named in the handlers\' env', async () => {
    expect(cloud.snapshotBucket).toBe(`egress-operator-fleet-snapshots-${cloud.accountId}-${cloud.region}`);
    expect(process.env[FLEET_SNAPSHOT_BUCKET_ENV]).toBe(cloud.snapshotBucket);
    const head = await s3(cloud.accountId).send(new HeadBucketCommand({ Bucket: cloud.snapshotBucket }));
    expect(head.BucketRegion).toBe(cloud.region);
  });

  test('a binary object with the SDK\'s checksum is stored byte for byte; HeadObject keeps its Content-Length', async () => {
    // Bytes that are not valid UTF-8 would be altered by a text round trip (and fail their checksum).
    const body = Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28]), randomBytes(64 * 1024)]);
    const client = s3(cloud.accountId);
    const put = await client.send(new PutObjectCommand({ Bucket: cloud.snapshotBucket, Key: 'fleet/snapshot.bin', Body: body, ChecksumAlgorithm: 'SHA256' }));
    expect(put.ChecksumSHA256).toBeDefined();
    const got = await client.send(new GetObjectCommand({ Bucket: cloud.snapshotBucket, Key: 'fleet/snapshot.bin', ChecksumMode: 'ENABLED' }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(body)).toBe(true);
    expect(got.ChecksumSHA256).toBe(put.ChecksumSHA256);
    const head = await client.send(new HeadObjectCommand({ Bucket: cloud.snapshotBucket, Key: 'fleet/snapshot.bin' }));
    expect(head.ContentLength).toBe(body.length);
    expect(head.ETag).toBe(put.ETag);
  });

  test('a member account cannot read the operator\'s snapshot bucket (AccessDenied)', async () => {
    const [member] = cloud.memberAccountIds;
    const error = await s3(member).send(new GetObjectCommand({ Bucket: cloud.snapshotBucket, Key: 'fleet/snapshot.bin' })).catch((e: Error) => e);
    expect((error as Error).name).toBe('AccessDenied');
  });

  test('S3 calls are counted in /_local/stats as s3:Operation', async () => {
    const stats = await (await fetch(`${cloud.url}/_local/stats`)).json() as StatsSnapshot;
    expect(stats.apiCalls).toMatchObject({ 's3:PutObject': 1, 's3:GetObject': 2, 's3:HeadObject': 1, 's3:HeadBucket': 1 });
  });
});
