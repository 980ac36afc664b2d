/**
 * The local cloud's IAM policy evaluator (docs/local-cloud.md#iam).
 *
 * Written here rather than taken from `@cloud-copilot/iam-simulate` because that package is AGPL-3.0,
 * which many of our users' licence policies forbid even in development tools, and the local cloud runs
 * in every `npm start`. It covers exactly the features our templates use: explicit deny over allow,
 * Action/NotAction, Resource/NotResource with wildcards, the condition operators in conditions.ts, and
 * Principal matching for role trust policies. Anything else raises UnsupportedPolicyFeatureError.
 *
 * Evaluation logic (single account, identity-based and resource-based policies, no SCPs or boundaries):
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
import { conditionsHold } from './conditions';
import { actionMatches, arnLike, resourceMatches } from './match';
import { asList, statementsOf, UnsupportedPolicyFeatureError, type IamRequest, type PolicyDocument, type PolicyStatement } from './policy';
import type { Caller } from './principals';

export type Decision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

export interface Evaluation {
  decision: Decision;
  /** The statement that decided (the deny, or the first allow). */
  statement?: PolicyStatement;
}

function actionApplies(s: PolicyStatement, action: string): boolean {
  if (s.Action !== undefined) return asList(s.Action).some((p) => actionMatches(p, action));
  if (s.NotAction !== undefined) return !asList(s.NotAction).some((p) => actionMatches(p, action));
  return false;
}

function resourceApplies(s: PolicyStatement, resource: string): boolean {
  if (s.Resource !== undefined) return asList(s.Resource).some((p) => resourceMatches(p, resource));
  if (s.NotResource !== undefined) return !asList(s.NotResource).some((p) => resourceMatches(p, resource));
  // Trust policies have no Resource: the role itself is the resource.
  return true;
}

function statementApplies(s: PolicyStatement, req: IamRequest, principalOk: (s: PolicyStatement) => boolean): boolean {
  return actionApplies(s, req.action) && resourceApplies(s, req.resource) && principalOk(s) && conditionsHold(s.Condition, req.context);
}

function decide(statements: PolicyStatement[], req: IamRequest, principalOk: (s: PolicyStatement) => boolean = () => true): Evaluation {
  let allow: PolicyStatement | undefined;
  for (const s of statements) {
    if (!statementApplies(s, req, principalOk)) continue;
    if (s.Effect === 'Deny') return { decision: 'ExplicitDeny', statement: s };
    allow ??= s;
  }
  return allow ? { decision: 'Allow', statement: allow } : { decision: 'ImplicitDeny' };
}

/** Identity-based policies of one principal for one action on one resource. */
export function evaluateIdentityPolicies(policies: PolicyDocument[], req: IamRequest): Evaluation {
  return decide(policies.flatMap(statementsOf), req);
}

/**
 * Does a Principal element name this caller? Account IDs and `…:root` name every principal of the
 * account; a role ARN names that role's sessions; `*` names everyone; service principals name none of
 * our callers. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 */
export function principalMatches(principal: PolicyStatement['Principal'], caller: Caller): boolean {
  if (principal === undefined) return false;
  if (principal === '*') return true;
  for (const value of asList(principal.AWS)) {
    if (value === '*') return true;
    const account = /^(\d{12})$/.exec(value)?.[1] ?? /^arn:aws[\w-]*:iam::(\d{12}):root$/.exec(value)?.[1];
    if (account !== undefined) {
      if (account === caller.accountId) return true;
      continue;
    }
    if (caller.roleArn && arnLike(value, caller.roleArn)) return true;
    if (arnLike(value, caller.arn)) return true;
  }
  return false;
}

/** Did the principal element name the caller specifically (role or session), not just its account? */
export function principalNamesCallerItself(principal: PolicyStatement['Principal'], caller: Caller): boolean {
  if (principal === undefined || principal === '*') return false;
  return asList(principal.AWS).some((v) => !/^\d{12}$/.test(v) && !/:root$/.test(v) && v !== '*'
    && ((caller.roleArn !== undefined && arnLike(v, caller.roleArn)) || arnLike(v, caller.arn)));
}

/** A resource-based policy (a role's trust policy) for this caller. */
export function evaluateResourcePolicy(policy: PolicyDocument, req: IamRequest, caller: Caller): Evaluation {
  return decide(statementsOf(policy), req, (s) => {
    if (s.NotPrincipal !== undefined) throw new UnsupportedPolicyFeatureError('NotPrincipal');
    return principalMatches(s.Principal, caller);
  });
}
