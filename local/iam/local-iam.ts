/**
 * The local cloud's IAM, assembled (docs/local-cloud.md#iam): the roles we ship (from the synthesized
 * CDK app), the STS service, each operator function running as its role, and — with mode `enforce` —
 * the authorize hook that evaluates every call made as a role. Mode `off` keeps roles, STS and trust
 * policies (the operator still reaches member accounts only through AssumeRole) but allows every call.
 */
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { STATE_MACHINES } from '../../handlers/catalog';
import type { Ec2State } from '../ec2/state';
import type { LocalService } from '../service';
import { createStsService } from '../sts/service';
import { createAuthorizer, type Authorizer } from './authorize';
import type { DeniedCall } from './denial';
import { setFunctionIdentities } from './function-identities';
import type { Principals, SessionCredentials } from './principals';
import type { IamRoles } from './roles';
import { shippedRoles } from './shipped-roles';
import { loadSynthesizedApp } from './synthesized-app';

export type IamMode = 'enforce' | 'off';

export interface LocalIamOptions {
  mode: IamMode;
  principals: Principals;
  operatorAccountId: string;
  memberAccountIds: string[];
  region: string;
  resourceConfigurationArn: string;
  resourceGatewayArn: string;
  memberExternalId: string;
  ec2StateFor(accountId: string, region: string): Ec2State | undefined;
  organizationIdOf?(accountId: string): string | undefined;
  invitationShare?(arn: string): { name: string; ownerAccountId: string } | undefined;
}

export interface LocalIam {
  mode: IamMode;
  roles: IamRoles;
  /** Catalog function id → role ARN. */
  functionRoleArns: Record<string, string>;
  sts: LocalService;
  /** The server's authorize hook (undefined with mode `off`). */
  authorize?: Authorizer;
  /** Denied calls so far (empty with mode `off`). */
  denials: DeniedCall[];
  /** The session credentials a function runs with (catalog id), e.g. for a test acting as that function. */
  credentialsFor(functionId: string): AwsCredentialIdentityProvider | undefined;
  /** Take one action away from one function's role (catalog id) or any role (ARN). */
  removePermission(functionIdOrRoleArn: string, action: string): void;
  /** How long loading took, and whether the CDK app had to be synthesized (cache miss). */
  load: { ms: number; synthesized: boolean };
  stop(): void;
}

const SESSION_SECONDS = 3600;
const REFRESH_BEFORE_MS = 5 * 60_000;

export function startLocalIam(opts: LocalIamOptions): LocalIam {
  const started = Date.now();
  const { app, cached } = loadSynthesizedApp({
    operatorAccountId: opts.operatorAccountId, memberAccounts: opts.memberAccountIds, memberExternalId: opts.memberExternalId,
  });
  const prefix = `${app.config.prefix}-`;
  const localNames = new Set<string>(STATE_MACHINES.map((m) => m.name));
  const shipped = shippedRoles(app, {
    operatorAccountId: opts.operatorAccountId,
    memberAccountIds: opts.memberAccountIds,
    region: opts.region,
    resourceConfigurationArn: opts.resourceConfigurationArn,
    resourceGatewayArn: opts.resourceGatewayArn,
    // The local cloud runs the workflows under their catalog names (reconcile-vpc), CDK as <prefix>-<name>.
    localStateMachineName: (n) => (n.startsWith(prefix) && localNames.has(n.slice(prefix.length)) ? n.slice(prefix.length) : n),
  });

  // Each function's role session, renewed before it expires (Lambda refreshes its role credentials likewise).
  const sessions = new Map<string, SessionCredentials>();
  const credentialsFor = (functionId: string): AwsCredentialIdentityProvider | undefined => {
    const roleArn = shipped.functionRoleArns[functionId];
    if (!roleArn) return undefined;
    return async () => {
      let s = sessions.get(functionId);
      if (!s || s.expiration.getTime() - Date.now() < REFRESH_BEFORE_MS) {
        s = opts.principals.issueSession(roleArn, functionId, SESSION_SECONDS);
        sessions.set(functionId, s);
      }
      return { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey, sessionToken: s.sessionToken, expiration: s.expiration };
    };
  };
  const previous = setFunctionIdentities(credentialsFor);

  const authorize = opts.mode === 'enforce'
    ? createAuthorizer({ roles: shipped.roles, ec2StateFor: opts.ec2StateFor, organizationIdOf: opts.organizationIdOf, invitationShare: opts.invitationShare })
    : undefined;
  return {
    mode: opts.mode,
    roles: shipped.roles,
    functionRoleArns: shipped.functionRoleArns,
    sts: createStsService({ principals: opts.principals, roles: shipped.roles, organizationIdOf: opts.organizationIdOf }),
    authorize,
    denials: authorize?.denials ?? [],
    credentialsFor,
    removePermission(functionIdOrRoleArn, action) {
      shipped.roles.removePermission(shipped.functionRoleArns[functionIdOrRoleArn] ?? functionIdOrRoleArn, action);
    },
    load: { ms: Date.now() - started, synthesized: !cached },
    stop() { setFunctionIdentities(previous); },
  };
}

/**
 * The server starts before the hub exists (the roles' policies name the hub's ARNs), so the server gets
 * an STS service and an authorize hook that forward to the IAM once it is started.
 */
export function deferredIam(): { sts: LocalService; authorize: Authorizer; bind(iam: LocalIam): void } {
  let bound: LocalIam | undefined;
  const notReady = () => createStsService({ principals: { callerOf: () => undefined } as unknown as Principals, roles: { get: () => undefined } as unknown as IamRoles });
  const fallback = notReady();
  const authorize = Object.assign(
    async (req: Parameters<Authorizer>[0]) => (bound?.authorize ? bound.authorize(req) : undefined),
    { get denials() { return bound?.denials ?? []; } },
  ) as Authorizer;
  return {
    sts: {
      name: 'sts',
      operationOf: (req) => fallback.operationOf(req),
      handle: (req) => (bound ? bound.sts.handle(req) : fallback.handle(req)),
      error: (status, code, message) => fallback.error(status, code, message),
    },
    authorize,
    bind(iam) { bound = iam; },
  };
}
