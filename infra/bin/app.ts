/**
 * The CDK app: `npx cdk synth` writes the hub, operator and member stacks to cdk.out/ with no
 * AWS account or credentials (environment-agnostic stacks, no context lookups). cdk-nag's
 * AwsSolutions pack runs on every synth; `-c nag=false` turns it off for quick experiments.
 */
import { App, Aspects } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadConfig } from '../config';
import { buildEgressApp } from '../app';

const app = new App();
const config = loadConfig((key) => app.node.tryGetContext(key));
buildEgressApp(app, config);
if (app.node.tryGetContext('nag') !== 'false' && app.node.tryGetContext('nag') !== false) {
  Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
}
app.synth();
