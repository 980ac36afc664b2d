/**
 * IAM roles of the local cloud, per account: name, path, trust policy and identity policies
 * (docs/local-cloud.md#iam). Tests can take one permission away from one role to prove the operator
 * reports the denial (`removePermission`).
 */
import { actionMatches } from './match';
import { asList, statementsOf, type NamedPolicy, type PolicyDocument, type PolicyStatement } from './policy';

export interface IamRole {
  accountId: string;
  name: string;
  /** IAM path, `/` by default, else `/…/`. */
  path: string;
  arn: string;
  trustPolicy: PolicyDocument;
  policies: NamedPolicy[];
  /** MaxSessionDuration in seconds (AssumeRole's DurationSeconds may not exceed it). */
  maxSessionSeconds: number;
}

export class NoSuchRoleError extends Error {
  constructor(what: string) {
    super(`No IAM role ${what} in the local cloud`);
    this.name = 'NoSuchRoleError';
  }
}

export class PermissionNotGrantedError extends Error {
  constructor(roleArn: string, action: string) {
    super(`Role ${roleArn} has no statement granting ${action} to remove`);
    this.name = 'PermissionNotGrantedError';
  }
}

export function roleArnOf(accountId: string, path: string, name: string, partition = 'aws'): string {
  return `arn:${partition}:iam::${accountId}:role${path}${name}`;
}

/** The statement without `action` (undefined when that leaves it granting nothing). */
function withoutAction(s: PolicyStatement, action: string): PolicyStatement | undefined {
  if (s.Effect !== 'Allow' || s.Action === undefined) return s;
  const remaining = asList(s.Action).filter((a) => a.toLowerCase() !== action.toLowerCase());
  if (remaining.length === asList(s.Action).length) return s;
  return remaining.length ? { ...s, Action: remaining } : undefined;
}

export class IamRoles {
  private readonly byArn = new Map<string, IamRole>();

  put(role: IamRole): void {
    this.byArn.set(role.arn, role);
  }

  get(arn: string): IamRole | undefined {
    return this.byArn.get(arn);
  }

  /** Roles are unique by name within an account, whatever their path. */
  byName(accountId: string, name: string): IamRole | undefined {
    for (const role of this.byArn.values()) if (role.accountId === accountId && role.name === name) return role;
    return undefined;
  }

  all(): IamRole[] {
    return [...this.byArn.values()];
  }

  /** Identity policy documents of a role. */
  policiesOf(arn: string): PolicyDocument[] {
    return (this.byArn.get(arn)?.policies ?? []).map((p) => p.document);
  }

  /**
   * Take `action` (exact name, any case) out of every Allow statement of the role's identity policies,
   * as an administrator editing the policy would. Fails when no statement names it literally.
   */
  removePermission(roleArn: string, action: string): void {
    const role = this.byArn.get(roleArn);
    if (!role) throw new NoSuchRoleError(roleArn);
    const names = (s: PolicyStatement) => s.Effect === 'Allow' && asList(s.Action).some((a) => a.toLowerCase() === action.toLowerCase());
    if (!role.policies.some((p) => statementsOf(p.document).some(names))) throw new PermissionNotGrantedError(roleArn, action);
    role.policies = role.policies.map((p) => ({
      name: p.name,
      document: { ...p.document, Statement: statementsOf(p.document).map((s) => withoutAction(s, action)).filter((s): s is PolicyStatement => !!s) },
    }));
  }

  /** Does any Allow statement of the role name an action matching `action` (diagnostics)? */
  mentions(roleArn: string, action: string): boolean {
    return this.policiesOf(roleArn).some((d) => statementsOf(d).some((s) => asList(s.Action).some((a) => actionMatches(a, action))));
  }
}
