/**
 * IAM policy documents as the local cloud evaluates them (identity policies and role trust policies),
 * already resolved from CloudFormation (intrinsics.ts). Grammar:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */
export type OneOrMany<T> = T | T[];

export type ConditionBlock = Record<string, Record<string, OneOrMany<string | boolean | number>>>;

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: OneOrMany<string>;
  NotAction?: OneOrMany<string>;
  Resource?: OneOrMany<string>;
  NotResource?: OneOrMany<string>;
  Principal?: '*' | Record<string, OneOrMany<string>>;
  NotPrincipal?: Record<string, OneOrMany<string>>;
  Condition?: ConditionBlock;
}

export interface PolicyDocument {
  Version?: string;
  Statement: OneOrMany<PolicyStatement>;
}

/** A named policy attached to a role (inline or an AWS::IAM::Policy resource). */
export interface NamedPolicy {
  name: string;
  document: PolicyDocument;
}

/** Values the request context carries for a condition key: single-valued or multivalued. */
export type ContextValue = string | string[];

/** What AWS evaluates for one action on one resource: https://docs.aws.amazon.com/IAM/latest/UserGuide/intro-structure.html#intro-structure-request */
export interface IamRequest {
  action: string;
  resource: string;
  /** Condition keys (any case) and their values; absent keys are simply not here. */
  context: Record<string, ContextValue>;
}

export const asList = <T>(v: OneOrMany<T> | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export function statementsOf(doc: PolicyDocument): PolicyStatement[] {
  return asList(doc.Statement);
}

export class UnsupportedPolicyFeatureError extends Error {
  constructor(feature: string) {
    super(`The local IAM evaluator does not support ${feature} (docs/local-cloud.md#iam)`);
    this.name = 'UnsupportedPolicyFeatureError';
  }
}
