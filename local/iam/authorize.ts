/**
 * The local cloud's IAM enforcement hook (docs/local-cloud.md#iam): after the server knows the caller
 * and the operation, map the call to the authorizations AWS makes (requests/*.ts), evaluate the
 * caller's identity policies for each, and answer as AWS does when one is not allowed. Account-root
 * callers (plain access keys) are allowed everything, as an administrator would be.
 */
import { QueryParams } from '../protocol/query';
import type { LocalRequest, LocalResponse } from '../service';
import type { Ec2State } from '../ec2/state';
import { denialResponse, type DeniedCall } from './denial';
import { evaluateIdentityPolicies, evaluateResourcePolicy, principalNamesCallerItself } from './evaluate';
import type { ContextValue } from './policy';
import type { Caller } from './principals';
import { ec2Authorizations } from './requests/ec2';
import { jsonAuthorizations } from './requests/json-services';
import type { Authorization } from './requests/types';
import type { IamRoles } from './roles';
import { applicableContext, UnknownIamActionError } from './sar';

export interface AuthorizerOptions {
  roles: IamRoles;
  /** The EC2 state of an account and Region (resource tags for aws:ResourceTag/*). */
  ec2StateFor(accountId: string, region: string): Ec2State | undefined;
  /** The organization an account belongs to (aws:PrincipalOrgID), if any. */
  organizationIdOf?(accountId: string): string | undefined;
  /** The RAM share an invitation ARN belongs to (ram:ResourceShareName, ram:ShareOwnerAccountId). */
  invitationShare?(arn: string): { name: string; ownerAccountId: string } | undefined;
}

/** What the server passes: the request with its caller and the Region of its credential scope. */
export type AuthorizableRequest = LocalRequest & { caller?: Caller; region?: string };

export interface Authorizer {
  (req: AuthorizableRequest): Promise<LocalResponse | undefined>;
  /** Every denial so far (newest last), for tests and diagnostics. */
  denials: DeniedCall[];
}

const SCOPE_REGION = /Credential=[^/,\s]+\/\d{8}\/([^/]+)\//;

function regionOf(req: AuthorizableRequest): string {
  if (req.region) return req.region;
  const auth = String(req.headers.authorization ?? '');
  return SCOPE_REGION.exec(auth)?.[1] ?? 'us-east-1';
}

function queryParams(req: LocalRequest): QueryParams {
  return req.method === 'GET' ? QueryParams.parse(req.query.toString()) : QueryParams.parse(req.body);
}

/** The global condition keys AWS adds for the principal: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html */
export function principalContext(caller: Caller, region: string, orgId: string | undefined): Record<string, ContextValue> {
  return {
    'aws:PrincipalArn': caller.roleArn ?? caller.arn,
    'aws:PrincipalAccount': caller.accountId,
    'aws:PrincipalType': caller.type === 'assumed-role' ? 'AssumedRole' : 'Account',
    'aws:userid': caller.type === 'assumed-role' ? `${caller.accessKeyId}:${caller.sessionName}` : caller.accountId,
    'aws:RequestedRegion': region,
    ...(orgId ? { 'aws:PrincipalOrgID': orgId } : {}),
  };
}

export function authorizationsOf(req: LocalRequest, caller: Caller, region: string, ec2State: (a: string, r: string) => Ec2State | undefined,
  invitationShare?: AuthorizerOptions['invitationShare']): Authorization[] {
  const scope = { account: caller.accountId, region, invitationShare };
  if (req.service === 'ec2') return ec2Authorizations({ ...scope, state: ec2State(caller.accountId, region) }, req.operation, queryParams(req));
  const params = req.service === 'sts' ? queryParams(req) : undefined;
  return jsonAuthorizations(scope, { service: req.service, operation: req.operation, path: req.path, body: req.body, params: params && ((n) => params.get(n)) });
}

export function createAuthorizer(opts: AuthorizerOptions): Authorizer {
  const denials: DeniedCall[] = [];
  const authorize = async (req: AuthorizableRequest): Promise<LocalResponse | undefined> => {
    const caller = req.caller;
    if (!caller || caller.type === 'account') return undefined;
    // GetCallerIdentity needs no permission: https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
    if (req.service === 'sts' && req.operation === 'GetCallerIdentity') return undefined;
    const region = regionOf(req);
    const policies = opts.roles.policiesOf(caller.roleArn ?? '');
    const principal = principalContext(caller, region, opts.organizationIdOf?.(caller.accountId));
    let authorizations: Authorization[];
    try {
      authorizations = authorizationsOf(req, caller, region, opts.ec2StateFor, opts.invitationShare);
    } catch (err) {
      // An operation with no action in the Service Authorization Reference: no policy can allow it.
      if (!(err instanceof UnknownIamActionError)) throw err;
      const denied: DeniedCall = { service: req.service, callerArn: caller.arn, action: `${req.service}:${req.operation}`, resource: '*', decision: 'ImplicitDeny' };
      denials.push(denied);
      return denialResponse(denied);
    }
    for (const auth of authorizations) {
      const context = { ...principal, ...applicableContext(auth.action, auth.resourceType, auth.context) };
      const request = { action: auth.action, resource: auth.resource, context };
      const result = evaluateIdentityPolicies(policies, request);
      if (result.decision === 'Allow') continue;
      if (result.decision === 'ImplicitDeny' && sameAccountTrustAllows(opts.roles, auth, caller, context)) continue;
      const denied: DeniedCall = { service: req.service, callerArn: caller.arn, action: auth.action, resource: auth.resource, decision: result.decision };
      denials.push(denied);
      return denialResponse(denied);
    }
    return undefined;
  };
  return Object.assign(authorize, { denials });
}

/**
 * Within one account a role's trust policy that names the calling role itself grants AssumeRole
 * without an identity policy: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
 */
function sameAccountTrustAllows(roles: IamRoles, auth: Authorization, caller: Caller, context: Record<string, ContextValue>): boolean {
  if (auth.action.toLowerCase() !== 'sts:assumerole') return false;
  const role = roles.get(auth.resource);
  if (!role || role.accountId !== caller.accountId) return false;
  const trust = evaluateResourcePolicy(role.trustPolicy, { action: auth.action, resource: auth.resource, context }, caller);
  return trust.decision === 'Allow' && principalNamesCallerItself(trust.statement?.Principal, caller);
}
