/**
 * One NodejsFunction per catalog entry (handlers/catalog.ts): Node.js 24 on arm64, bundled by the
 * local esbuild (never Docker), with the AWS SDK v3 version we test bundled in, least-privilege
 * role per function. VerifyProxy runs in the hub VPC; the others outside any VPC.
 */
import { join } from 'node:path';
import { Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ENV, LambdaEntry } from '../../handlers/catalog';
import { operatorStatements, OperatorScope } from '../iam/operator-permissions';

export const REPO_ROOT = join(__dirname, '..', '..');

/** Tuning knobs with documented defaults (provisioning time, pacing lanes): the stack leaves them unset. */
type TuningEnv = 'endpointProvisioningSeconds' | 'rolloutPacing' | 'rolloutPacingRate' | 'rolloutPacingBurst' | 'fleetSnapshotCacheSeconds';

/** Values of every variable the handlers read; a new ENV key fails to compile until it is set here. */
export type HandlerEnvironment = { [K in Exclude<keyof typeof ENV, TuningEnv>]: string | undefined } & { [K in TuningEnv]?: string };

export interface OperatorFunctionsProps {
  entries: LambdaEntry[];
  environment: HandlerEnvironment;
  scope: OperatorScope;
  hubVpc: ec2.IVpc;
  probeSecurityGroup: ec2.ISecurityGroup;
  logRetention: logs.RetentionDays;
  /** IAM path of the function roles: the member role trusts only roles under it. */
  rolePath: string;
}

export class OperatorFunctions extends Construct {
  readonly byId = new Map<string, NodejsFunction>();

  constructor(scope: Construct, id: string, props: OperatorFunctionsProps) {
    super(scope, id);
    const environment: Record<string, string> = {
      NODE_OPTIONS: '--enable-source-maps',
      POWERTOOLS_SERVICE_NAME: 'egress-operator',
    };
    for (const [key, value] of Object.entries(props.environment)) {
      if (value !== undefined) environment[ENV[key as keyof typeof ENV]] = value;
    }
    for (const entry of props.entries) this.byId.set(entry.id, this.createFunction(entry, environment, props));
  }

  get all(): NodejsFunction[] {
    return [...this.byId.values()];
  }

  /** The function whose ARN fills an ASL placeholder, if any. */
  forPlaceholder(placeholder: string, entries: LambdaEntry[]): NodejsFunction | undefined {
    const entry = entries.find((e) => e.placeholder === placeholder);
    return entry && this.byId.get(entry.id);
  }

  private createFunction(entry: LambdaEntry, environment: Record<string, string>, props: OperatorFunctionsProps) {
    const logGroup = new logs.LogGroup(this, `${entry.id}Logs`, { retention: props.logRetention });
    const role = new iam.Role(this, `${entry.id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      path: props.rolePath,
      description: `egress-operator ${entry.id}: ${entry.actions.join(', ')}`,
      ...(entry.inHubVpc ? {
        // ENI management for a VPC function is the Lambda service's, on ENIs it names at run time.
        managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaVPCAccessExecutionRole')],
      } : {}),
    });
    logGroup.grantWrite(role);
    for (const statement of operatorStatements(entry.actions, props.scope, this)) role.addToPolicy(statement);

    return new NodejsFunction(this, entry.id, {
      entry: join(REPO_ROOT, 'handlers', entry.file),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 256,
      timeout: Duration.seconds(entry.inHubVpc ? 60 : 30),
      role,
      logGroup,
      tracing: lambda.Tracing.ACTIVE,
      reservedConcurrentExecutions: entry.reservedConcurrency,
      environment,
      ...(entry.inHubVpc ? {
        vpc: props.hubVpc,
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
        securityGroups: [props.probeSecurityGroup],
      } : {}),
      bundling: {
        forceDockerBundling: false,
        // The SDK version we test goes into the bundle: the runtime's may be older, and an older EC2
        // query serializer silently drops members it does not know (DnsOptions.PrivateDnsPreference).
        bundleAwsSDK: true,
        externalModules: [],
        // One "Bundling asset …" line per function instead of esbuild's size report.
        logLevel: LogLevel.WARNING,
        format: OutputFormat.CJS,
        target: 'node24',
        minify: true,
        sourceMap: true,
      },
    });
  }
}
