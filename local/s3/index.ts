/** The local cloud's minimal S3 (path-style REST-XML): see service.ts. */
export { createS3Service, s3OperationOf } from './service';
export type { S3Service } from './service';
export { S3Store } from './store';
export type { Bucket, S3Caller, StoredObject } from './store';
export { S3Error } from './errors';
export { FLEET_SNAPSHOT_BUCKET_ENV, fleetSnapshotBucketName, seedSnapshotBucket } from './snapshot-bucket';
