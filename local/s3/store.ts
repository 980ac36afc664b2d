/**
 * Buckets and objects of the local S3. Bucket names are global, as in S3; each bucket belongs to the
 * account that created it and lives in one Region. A request from another account is AccessDenied
 * (the local S3 has no bucket policies), one signed for another Region is PermanentRedirect
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList).
 */
import { createHash } from 'node:crypto';
import { noSuchBucket, noSuchKey, S3Error } from './errors';

export interface StoredObject {
  key: string;
  body: Buffer;
  etag: string;
  contentType: string;
  lastModified: Date;
  /** `x-amz-server-side-encryption` as stored: AES256 (the default since 2023), aws:kms, aws:kms:dsse. */
  serverSideEncryption: string;
  kmsKeyId?: string;
  /** `x-amz-meta-*` headers, names lower-cased without the prefix. */
  metadata: Record<string, string>;
  /** Additional checksums the writer sent, e.g. { crc32: 'base64' }. */
  checksums: Record<string, string>;
}

export interface Bucket {
  name: string;
  account: string;
  region: string;
  created: Date;
  objects: Map<string, StoredObject>;
}

/** The caller a request acts for: its account and the Region of its signature. */
export interface S3Caller { account: string; region: string }

// https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html (general purpose buckets).
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export class S3Store {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** Also the seeding API (the Operator stack's snapshot bucket). */
  createBucket(name: string, caller: S3Caller): Bucket {
    if (!BUCKET_NAME.test(name) || name.includes('..') || /^\d+\.\d+\.\d+\.\d+$/.test(name)) {
      throw new S3Error(400, 'InvalidBucketName', 'The specified bucket is not valid.', { BucketName: name });
    }
    const existing = this.buckets.get(name);
    if (existing) {
      throw existing.account === caller.account
        ? new S3Error(409, 'BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', { BucketName: name })
        : new S3Error(409, 'BucketAlreadyExists', 'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.', { BucketName: name });
    }
    const bucket: Bucket = { name, account: caller.account, region: caller.region, created: this.now(), objects: new Map() };
    this.buckets.set(name, bucket);
    return bucket;
  }

  /** The bucket, when the caller may use it. */
  bucket(name: string, caller: S3Caller): Bucket {
    const bucket = this.buckets.get(name);
    if (!bucket) throw noSuchBucket(name);
    if (bucket.account !== caller.account) throw new S3Error(403, 'AccessDenied', 'Access Denied');
    if (bucket.region !== caller.region) {
      throw new S3Error(301, 'PermanentRedirect', 'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.', { Bucket: name, Region: bucket.region });
    }
    return bucket;
  }

  putObject(bucketName: string, caller: S3Caller, object: Omit<StoredObject, 'etag' | 'lastModified'>): StoredObject {
    const bucket = this.bucket(bucketName, caller);
    const stored: StoredObject = { ...object, etag: `"${createHash('md5').update(object.body).digest('hex')}"`, lastModified: this.now() };
    bucket.objects.set(object.key, stored);
    return stored;
  }

  getObject(bucketName: string, caller: S3Caller, key: string): StoredObject {
    const object = this.bucket(bucketName, caller).objects.get(key);
    if (!object) throw noSuchKey(key);
    return object;
  }
}
