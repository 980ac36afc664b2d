/** What the Operator stack deploys for an organization-wide rollout: the fleet-snapshot bucket (and who may use it), the dispatcher's bound. */
import { Match, Template } from 'aws-cdk-lib/assertions';
import { allStatements, asArray, buildStacks, template, TEST_EXTERNAL_ID } from './helpers';

let t: Template;
beforeAll(() => {
  t = template(buildStacks({ memberAccounts: ['111111111111'], memberExternalId: TEST_EXTERNAL_ID }).operator);
});

const NAME = { 'Fn::Join': ['', ['egress-operator-fleet-snapshots-', { Ref: 'AWS::AccountId' }, '-', { Ref: 'AWS::Region' }]] };

test('one bucket, named as the handlers and the local cloud expect, SSE-S3, no public access, versioned, lifecycle-limited', () => {
  const buckets = t.findResources('AWS::S3::Bucket');
  expect(Object.keys(buckets)).toHaveLength(1);
  t.hasResourceProperties('AWS::S3::Bucket', {
    BucketName: NAME,
    BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    VersioningConfiguration: { Status: 'Enabled' },
    LifecycleConfiguration: { Rules: [Match.objectLike({ Status: 'Enabled', ExpirationInDays: 30, NoncurrentVersionExpiration: { NoncurrentDays: 7 } })] },
  });
});

test('the bucket policy refuses every request without TLS', () => {
  t.hasResourceProperties('AWS::S3::BucketPolicy', {
    PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
  });
});

test('every function knows the bucket; only DetectOverlaps and ScanFleet may get and put, and only the snapshot object', () => {
  const fns = Object.values(t.findResources('AWS::Lambda::Function')).filter((f) => f.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME);
  for (const fn of fns) expect(fn.Properties.Environment.Variables.FLEET_SNAPSHOT_BUCKET).toEqual(NAME);
  const s3 = allStatements(t).filter((s) => asArray(s.Action).some((a: string) => a.startsWith('s3:')));
  const policies = Object.entries(t.findResources('AWS::IAM::Policy'))
    .filter(([, p]) => p.Properties.PolicyDocument.Statement.some((s: any) => asArray(s.Action).some((a: string) => a.startsWith('s3:'))))
    .map(([id]) => id.replace(/[0-9A-F]{8}$/, ''));
  expect(policies.sort()).toEqual(['FunctionsDetectOverlapsRoleDefaultPolicy', 'FunctionsScanFleetRoleDefaultPolicy']);
  for (const s of s3) {
    expect(asArray(s.Action).sort()).toEqual(['s3:GetObject', 's3:PutObject']);
    expect(s.Resource).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::egress-operator-fleet-snapshots-', { Ref: 'AWS::AccountId' }, '-', { Ref: 'AWS::Region' }, '/fleet/snapshot.json']] });
  }
});

test('the tag-event dispatcher runs one at a time (the pacing lanes\' single writer): a burst of events waits in Lambda\'s queue', () => {
  const dispatcher = Object.entries(t.findResources('AWS::Lambda::Function')).find(([id]) => id.startsWith('FunctionsDispatchTagEvent'))!;
  expect(dispatcher[1].Properties.ReservedConcurrentExecutions).toBe(1);
  const others = Object.entries(t.findResources('AWS::Lambda::Function')).filter(([id, f]) => !id.startsWith('FunctionsDispatchTagEvent') && f.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME);
  for (const [, f] of others) expect(f.Properties.ReservedConcurrentExecutions).toBeUndefined();
});

test('pacing is on by default; the config keys for accounts with raised limits reach every function, validated', () => {
  const vars = (tpl: Template) => Object.values(tpl.findResources('AWS::Lambda::Function'))
    .filter((f) => f.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME)
    .map((f) => f.Properties.Environment.Variables);
  for (const v of vars(t)) expect([v.ROLLOUT_PACING, v.ROLLOUT_PACING_RATE, v.ENDPOINT_PROVISIONING_SECONDS]).toEqual([undefined, undefined, undefined]);
  const tuned = template(buildStacks({
    memberAccounts: ['111111111111'], memberExternalId: TEST_EXTERNAL_ID, endpointPacingRate: '0.9', endpointProvisioningSeconds: '240', rolloutPacing: 'false',
  } as never).operator);
  for (const v of vars(tuned)) expect([v.ROLLOUT_PACING, v.ROLLOUT_PACING_RATE, v.ENDPOINT_PROVISIONING_SECONDS]).toEqual(['off', '0.9', '240']);
  expect(() => buildStacks({ memberAccounts: ['111111111111'], memberExternalId: TEST_EXTERNAL_ID, endpointPacingRate: '0' } as never)).toThrow(/endpointPacingRate/);
});
