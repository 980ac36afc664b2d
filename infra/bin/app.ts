/**
 * The CDK app: `npx cdk synth` writes the hub, operator and member stacks to cdk.out/ with no
 * AWS account or credentials (environment-agnostic stacks, no context lookups unless credentials are there). cdk-nag's
 * AwsSolutions pack runs on every synth; `-c nag=false` turns it off for quick experiments.
 */
import { App, Aspects } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadConfig } from '../config';
import { buildEgressApp } from '../app';

const app = new App();
const config = loadConfig((key) => app.node.tryGetContext(key));
// `cdk deploy` sets these from the credentials: hub and operator then know their region, and the hub
// covers every AZ of it (CDK looks the AZs up once and keeps them in cdk.context.json). Without
// credentials (`cdk synth` on a fresh clone) the stacks stay environment-agnostic.
const account = process.env.CDK_DEFAULT_ACCOUNT;
const region = process.env.CDK_DEFAULT_REGION;
buildEgressApp(app, config, account && region ? { env: { account, region } } : {});
if (app.node.tryGetContext('nag') !== 'false' && app.node.tryGetContext('nag') !== false) {
  Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
}
app.synth();
