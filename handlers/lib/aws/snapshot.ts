/**
 * The fleet snapshot in S3 (docs/design.md#tag-contract, egress-proxy:overlaps): one GetObject or one
 * PutObject of `fleet/snapshot.json` in the operator's snapshot bucket (FLEET_SNAPSHOT_BUCKET), with
 * the function's own credentials. Reads never throw: a missing object is `missing`, anything else that
 * goes wrong (denied, throttled after the SDK's retries, a bad body) is `unreadable`, and the caller
 * falls back to reading the fleet. Writes are SSE-S3 encrypted and report failure instead of throwing.
 */
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ENV } from '../../catalog';
import { invocationCredentials } from '../invocation-credentials';
import type { FleetCidrSnapshot, SnapshotRead } from '../fleet/snapshot-plan';
import { SNAPSHOT_KEY } from '../fleet/snapshot-plan';
import { awsErrorCode } from './classify';

// Path-style only against an endpoint override (the local cloud serves buckets on one loopback address).
const s3 = new S3Client({ credentials: invocationCredentials, forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL) });

/** The bucket, or undefined when snapshots are off (no bucket configured, or FLEET_SNAPSHOT=off). */
export function snapshotBucket(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if ((env[ENV.fleetSnapshot] ?? '').toLowerCase() === 'off') return undefined;
  return env[ENV.fleetSnapshotBucket] || undefined;
}

export async function readSnapshot(bucket: string, key = SNAPSHOT_KEY): Promise<SnapshotRead> {
  try {
    const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const body = await out.Body?.transformToString('utf8');
    return body === undefined ? { kind: 'unreadable', reason: 'empty body' } : { kind: 'found', body };
  } catch (err) {
    const code = awsErrorCode(err);
    if (code === 'NoSuchKey') return { kind: 'missing' };
    return { kind: 'unreadable', reason: `GetObject s3://${bucket}/${key}: ${code || (err as Error).name}: ${(err as Error).message}`.slice(0, 400) };
  }
}

export type SnapshotWrite = { written: true; bytes: number } | { written: false; reason: string };

export async function writeSnapshot(bucket: string, snapshot: FleetCidrSnapshot, key = SNAPSHOT_KEY): Promise<SnapshotWrite> {
  const body = JSON.stringify(snapshot);
  try {
    await s3.send(new PutObjectCommand({
      Bucket: bucket, Key: key, Body: body, ContentType: 'application/json', ServerSideEncryption: 'AES256',
    }));
    return { written: true, bytes: Buffer.byteLength(body) };
  } catch (err) {
    return { written: false, reason: `PutObject s3://${bucket}/${key}: ${awsErrorCode(err) || (err as Error).name}: ${(err as Error).message}`.slice(0, 400) };
  }
}
