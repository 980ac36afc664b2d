/**
 * The operator's fleet-snapshot bucket as the local cloud seeds it: one bucket in the operator account
 * and home Region, named as the Operator stack names it, `<prefix>-fleet-snapshots-<account>-<region>`
 * (account and Region make the globally unique name, docs/local-cloud.md#s3-fleet-snapshots). The
 * handlers read its name from the environment variable below.
 */
import type { S3Caller, S3Store } from './store';

/** Environment variable naming the snapshot bucket for the operator's functions. */
export const FLEET_SNAPSHOT_BUCKET_ENV = 'FLEET_SNAPSHOT_BUCKET';

export const DEFAULT_SNAPSHOT_BUCKET_PREFIX = 'egress-operator';

export function fleetSnapshotBucketName(account: string, region: string, prefix = DEFAULT_SNAPSHOT_BUCKET_PREFIX): string {
  return `${prefix}-fleet-snapshots-${account}-${region}`;
}

/** Create the snapshot bucket in `owner`'s account and Region; returns its name. */
export function seedSnapshotBucket(store: S3Store, owner: S3Caller, prefix = DEFAULT_SNAPSHOT_BUCKET_PREFIX): string {
  const name = fleetSnapshotBucketName(owner.account, owner.region, prefix);
  store.createBucket(name, owner);
  return name;
}
