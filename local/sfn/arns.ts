/**
 * Step Functions ARNs and names, as AWS formats and checks them. Pure functions; the service turns a
 * `null` from a parser into InvalidArn and an unknown-but-well-formed ARN into *DoesNotExist.
 */
import { ApiError } from './json-wire';

export interface Scope { region: string; accountId: string }

const NAME = /^[0-9A-Za-z_-]{1,80}$/;

export function stateMachineArn(scope: Scope, name: string): string {
  return `arn:aws:states:${scope.region}:${scope.accountId}:stateMachine:${name}`;
}

export function executionArn(scope: Scope, stateMachine: string, name: string): string {
  return `arn:aws:states:${scope.region}:${scope.accountId}:execution:${stateMachine}:${name}`;
}

export function lambdaArn(scope: Scope, functionName: string): string {
  return `arn:aws:lambda:${scope.region}:${scope.accountId}:function:${functionName}`;
}

/** `arn:aws:states:R:A:stateMachine:NAME` → NAME, or null when the ARN is not a state machine ARN. */
export function parseStateMachineArn(arn: unknown): string | null {
  if (typeof arn !== 'string') return null;
  const m = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:([^:]+)$/.exec(arn);
  return m ? m[1] : null;
}

/** `arn:aws:states:R:A:execution:SM:NAME` → {stateMachine, name}, or null. */
export function parseExecutionArn(arn: unknown): { stateMachine: string; name: string } | null {
  if (typeof arn !== 'string') return null;
  const m = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:execution:([^:]+):([^:]+)$/.exec(arn);
  return m ? { stateMachine: m[1], name: m[2] } : null;
}

/** Function name of a Lambda function ARN (optionally with a version or alias), or null. */
export function parseLambdaArn(arn: string): string | null {
  const m = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:([A-Za-z0-9_-]+)(?::[A-Za-z0-9$_-]+)?$/.exec(arn);
  return m ? m[1] : null;
}

/** Execution names: 1–80 characters of `[0-9A-Za-z_-]` (a subset of what AWS allows, docs/design.md#workflows). */
export function assertExecutionName(name: string): void {
  if (!NAME.test(name)) throw new ApiError('InvalidName', `Invalid Name: '${name}'`);
}

export function requireStateMachineArn(arn: unknown): string {
  const name = parseStateMachineArn(arn);
  if (name === null) throw new ApiError('InvalidArn', `Invalid Arn: '${String(arn)}'`);
  return name;
}

export function requireExecutionArn(arn: unknown): { stateMachine: string; name: string } {
  const parsed = parseExecutionArn(arn);
  if (parsed === null) throw new ApiError('InvalidArn', `Invalid Arn: '${String(arn)}'`);
  return parsed;
}
