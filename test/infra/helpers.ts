/**
 * Builds the egress app for template tests: bundling skipped (`aws:cdk:bundling-stacks: []`),
 * one synth per stack per test file (call in beforeAll), optional cdk-nag.
 */
import { App, Aspects, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildEgressApp } from '../../infra/app';
import { defaultConfig, EgressConfig } from '../../infra/config';
import { cdkTestOutdir } from '../helpers/cdk-outdir';

/** A member-role ExternalId for tests (the config has no default). */
export const TEST_EXTERNAL_ID = '0123456789abcdef0123456789abcdef';

export const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [], '@aws-cdk/core:defaultCrossStackReferences': 'strong' };

export function testApp(nag = false): App {
  const app = new App({ context: NO_BUNDLING, outdir: cdkTestOutdir() });
  if (nag) Aspects.of(app).add(new AwsSolutionsChecks());
  return app;
}

export function buildStacks(overrides: Parameters<typeof defaultConfig>[0] = {}, nag = false) {
  const app = testApp(nag);
  const config: EgressConfig = defaultConfig(overrides);
  return { app, config, ...buildEgressApp(app, config) };
}

export function template(stack: Stack): Template {
  return Template.fromStack(stack);
}

/** Error and warning annotations (cdk-nag findings among them) of a synthesized stack. */
export function findings(stack: Stack): string[] {
  const annotations = Annotations.fromStack(stack);
  return [...annotations.findError('*', Match.anyValue()), ...annotations.findWarning('*', Match.anyValue())]
    .map((m) => `${m.id}: ${String(m.entry.data).split('\n')[0]}`);
}

/** Every policy statement of every IAM policy / role inline policy in the template. */
export function allStatements(t: Template): any[] {
  const out: any[] = [];
  for (const res of Object.values(t.findResources('AWS::IAM::Policy'))) out.push(...res.Properties.PolicyDocument.Statement);
  for (const res of Object.values(t.findResources('AWS::IAM::Role'))) {
    for (const p of res.Properties.Policies ?? []) out.push(...p.PolicyDocument.Statement);
  }
  return out;
}

export const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
