/**
 * AssumeRole's decisions, pure: validate the request, check that the role exists and that its trust
 * policy admits the caller (principal, sts:ExternalId, aws:PrincipalArn, aws:PrincipalOrgID), and
 * choose the session duration. https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
 * A missing role and a trust policy that does not admit the caller both answer AccessDenied with the
 * same message, as STS does (it does not reveal whether the role exists).
 */
import { createHash } from 'node:crypto';
import { principalContext } from '../iam/authorize';
import { evaluateResourcePolicy } from '../iam/evaluate';
import { DEFAULT_SESSION_SECONDS, type Caller } from '../iam/principals';
import type { IamRole, IamRoles } from '../iam/roles';

export class StsError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
    this.name = 'StsError';
  }
}

export interface AssumeRoleInput {
  roleArn?: string;
  roleSessionName?: string;
  externalId?: string;
  durationSeconds?: number;
}

const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const ROLE_ARN = /^arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;

function validation(message: string): StsError {
  return new StsError(400, 'ValidationError', message);
}

/** Validation as STS words it ("1 validation error detected: Value … at 'roleSessionName' failed to satisfy constraint: …"). */
export function validateAssumeRole(input: AssumeRoleInput): Required<Pick<AssumeRoleInput, 'roleArn' | 'roleSessionName'>> {
  if (!input.roleArn) throw new StsError(400, 'MissingParameter', 'The request must contain the parameter RoleArn');
  if (!input.roleSessionName) throw new StsError(400, 'MissingParameter', 'The request must contain the parameter RoleSessionName');
  if (!ROLE_ARN.test(input.roleArn) || input.roleArn.length < 20 || input.roleArn.length > 2048) {
    throw validation(`${input.roleArn} is invalid`);
  }
  if (!SESSION_NAME.test(input.roleSessionName)) {
    throw validation(`1 validation error detected: Value '${input.roleSessionName}' at 'roleSessionName' failed to satisfy constraint: `
      + 'Member must satisfy regular expression pattern: [\\w+=,.@-]* and have length between 2 and 64');
  }
  if (input.externalId !== undefined && !EXTERNAL_ID.test(input.externalId)) {
    throw validation(`1 validation error detected: Value at 'externalId' failed to satisfy constraint: `
      + 'Member must satisfy regular expression pattern: [\\w+=,.@:\\/-]* and have length between 2 and 1224');
  }
  return { roleArn: input.roleArn, roleSessionName: input.roleSessionName };
}

export function notAuthorized(caller: Caller, roleArn: string): StsError {
  return new StsError(403, 'AccessDenied', `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
}

/** The role, once its trust policy admits the caller; throws AccessDenied otherwise. */
export function admittedRole(roles: IamRoles, caller: Caller, input: AssumeRoleInput, region: string, orgId?: string): IamRole {
  const { roleArn, roleSessionName } = validateAssumeRole(input);
  const role = roles.get(roleArn);
  if (!role) throw notAuthorized(caller, roleArn);
  const context = {
    ...principalContext(caller, region, orgId),
    'sts:RoleSessionName': roleSessionName,
    ...(input.externalId !== undefined ? { 'sts:ExternalId': input.externalId } : {}),
  };
  const trust = evaluateResourcePolicy(role.trustPolicy, { action: 'sts:AssumeRole', resource: roleArn, context }, caller);
  if (trust.decision !== 'Allow') throw notAuthorized(caller, roleArn);
  return role;
}

/** DurationSeconds: 900 up to the role's MaxSessionDuration (default 3600). */
export function sessionSeconds(role: IamRole, requested: number | undefined): number {
  if (requested === undefined) return Math.min(DEFAULT_SESSION_SECONDS, role.maxSessionSeconds);
  if (!Number.isInteger(requested) || requested < 900) {
    throw validation(`1 validation error detected: Value '${requested}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900`);
  }
  if (requested > role.maxSessionSeconds) {
    throw validation(`The requested DurationSeconds exceeds the MaxSessionDuration set for this role.`);
  }
  return requested;
}

/** A stable role ID (`AROA…`) for AssumedRoleId. */
export function roleIdOf(roleArn: string): string {
  const digest = createHash('sha256').update(roleArn).digest();
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return `AROA${[...digest.subarray(0, 17)].map((b) => alphabet[b % 32]).join('')}`;
}
