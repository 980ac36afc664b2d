/**
 * The one test that bundles: a handler built by the local esbuild (no Docker), CommonJS for
 * Node.js, source map included, and the AWS SDK v3 version we test inside the bundle (the Lambda
 * runtime's may be older and drop request members it does not know).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import { DISPATCHER } from '../../handlers/catalog';
import { OperatorFunctions } from '../../infra/constructs/operator-functions';
import { cdkTestOutdir } from '../helpers/cdk-outdir';

test('the dispatcher bundles locally with the SDK we test inside', () => {
  const app = new App({ outdir: cdkTestOutdir() });
  const stack = new Stack(app, 'Bundle');
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0 });
  new OperatorFunctions(stack, 'Functions', {
    entries: [DISPATCHER],
    environment: {
      resourceConfigurationArn: 'arn:rcfg', proxyCheckTarget: undefined, statusEventBusName: 'default',
      reconcileStateMachineArn: 'arn:sm', memberRoleName: undefined, memberExternalId: undefined, operatorAccountId: '123456789012',
      fleetTargets: undefined, sweepIntervalSeconds: undefined,
      fleetSnapshotBucket: undefined, fleetSnapshot: undefined, fleetSnapshotMaxAgeSeconds: undefined,
    },
    scope: {
      partition: 'aws', account: '123456789012', region: 'eu-west-1', resourceConfigurationArn: 'arn:rcfg',
      resourceGatewayArn: 'arn:rgw', stateMachineArns: ['arn:aws:states:eu-west-1:123456789012:stateMachine:sm'],
      statusEventBusArn: 'arn:bus', memberRoleArns: [],
    },
    hubVpc: vpc,
    probeSecurityGroup: new ec2.SecurityGroup(stack, 'Sg', { vpc }),
    logRetention: logs.RetentionDays.ONE_WEEK,
    rolePath: '/egress-operator/',
  });
  const t = Template.fromStack(stack);
  const fn = Object.values(t.findResources('AWS::Lambda::Function'))[0];
  const assetHash = fn.Properties.Code.S3Key.replace(/\.zip$/, '');
  const dir = join(app.outdir, `asset.${assetHash}`);
  const bundle = readFileSync(join(dir, 'index.js'), 'utf8');
  expect(existsSync(join(dir, 'index.js.map'))).toBe(true);
  expect(bundle).not.toMatch(/require\("@aws-sdk\/client-|require\("@smithy\//);
  // The clients are in the bundle, with the EC2 model we test against (it knows DnsOptions.PrivateDnsPreference).
  expect(bundle).toContain('serviceTarget:"AWSStepFunctions"');
  expect(bundle).toContain('PrivateDnsPreference');
  expect(bundle).toMatch(/exports|module\.exports/);
});
