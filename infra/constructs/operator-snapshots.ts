/**
 * The fleet-snapshot bucket: one small object the sweep rewrites every period and DetectOverlaps reads
 * (docs/design.md#tag-contract, egress-proxy:overlaps). Named `<prefix>-fleet-snapshots-<account>-<region>`
 * (as the local cloud seeds it, local/s3/snapshot-bucket.ts); SSE-S3, every public access blocked, TLS
 * only, versioned so a bad write can be rolled back, and lifecycle-limited: a replaced snapshot is kept
 * 7 days, and an object nobody rewrote for 30 days (a stopped sweep) expires.
 */
import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { SNAPSHOT_KEY } from '../../handlers/lib/fleet/snapshot-plan';

export interface OperatorSnapshotsProps {
  prefix: string;
}


export class OperatorSnapshots extends Construct {
  readonly bucket: s3.Bucket;
  /** The bucket's name, known before it exists (no reference to the bucket resource). */
  readonly bucketName: string;
  /** `arn:…:s3:::<bucket>/fleet/snapshot.json`: the one object the operator's grants name (no wildcard). */
  readonly objectsArn: string;

  constructor(scope: Construct, id: string, props: OperatorSnapshotsProps) {
    super(scope, id);
    this.bucketName = `${props.prefix}-fleet-snapshots-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
    this.bucket = new s3.Bucket(this, 'Bucket', {
      bucketName: this.bucketName,
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{
        id: 'expire-old-snapshots',
        noncurrentVersionExpiration: Duration.days(7),
        expiration: Duration.days(30),
        abortIncompleteMultipartUploadAfter: Duration.days(1),
      }],
      // A snapshot is derived data: the next sweep rewrites it. Emptied by hand before the stack is deleted.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // By name, like the state machine ARNs: grants and environment need no reference to the bucket resource.
    this.objectsArn = `arn:${Stack.of(this).partition}:s3:::${this.bucketName}/${SNAPSHOT_KEY}`;
    NagSuppressions.addResourceSuppressions(this.bucket, [{
      id: 'AwsSolutions-S1',
      reason: 'Only the operator\'s own function roles read and write one derived object (the fleet\'s CIDRs, rewritten by every '
        + 'sweep); server access logs would need a second bucket for no audit value CloudTrail data events do not already give.',
    }]);
  }
}
