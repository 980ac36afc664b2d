/**
 * The local STS as a LocalService (signing name `sts`, AWS Query protocol): GetCallerIdentity and
 * AssumeRole (docs/local-cloud.md#iam). Temporary credentials come from Principals and act as the role
 * until they expire. Identity policies (may the caller call sts:AssumeRole on that role?) are the IAM
 * hook's job; the trust policy is checked here, as STS does.
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
 */
import { QueryParams } from '../protocol/query';
import type { LocalRequest, LocalResponse, LocalService } from '../service';
import type { Caller, Principals } from '../iam/principals';
import type { IamRoles } from '../iam/roles';
import { admittedRole, roleIdOf, sessionSeconds, StsError } from './assume-role';
import { stsErrorResponse, stsResponse } from './xml';

export interface StsOptions {
  principals: Principals;
  roles: IamRoles;
  organizationIdOf?(accountId: string): string | undefined;
}

type StsRequest = LocalRequest & { caller?: Caller; region?: string };

const OPERATIONS = ['GetCallerIdentity', 'AssumeRole'] as const;

function paramsOf(req: Pick<LocalRequest, 'method' | 'body' | 'query'>): QueryParams {
  return req.method === 'GET' ? QueryParams.parse(req.query.toString()) : QueryParams.parse(req.body);
}

function userIdOf(caller: Caller): string {
  return caller.type === 'assumed-role' ? `${roleIdOf(caller.roleArn!)}:${caller.sessionName}` : caller.accountId;
}

export function createStsService(opts: StsOptions): LocalService {
  const handlers: Record<(typeof OPERATIONS)[number], (req: StsRequest, caller: Caller, p: QueryParams) => LocalResponse> = {
    GetCallerIdentity: (_req, caller) => stsResponse('GetCallerIdentity', { Arn: caller.arn, UserId: userIdOf(caller), Account: caller.accountId }),
    AssumeRole: (req, caller, p) => {
      const input = { roleArn: p.get('RoleArn'), roleSessionName: p.get('RoleSessionName'), externalId: p.get('ExternalId'), durationSeconds: p.int('DurationSeconds') };
      const role = admittedRole(opts.roles, caller, input, req.region ?? 'us-east-1', opts.organizationIdOf?.(caller.accountId));
      const seconds = sessionSeconds(role, input.durationSeconds);
      const creds = opts.principals.issueSession(role.arn, input.roleSessionName!, seconds);
      const session = opts.principals.callerOf(creds.accessKeyId)!;
      return stsResponse('AssumeRole', {
        Credentials: {
          AccessKeyId: creds.accessKeyId, SecretAccessKey: creds.secretAccessKey, SessionToken: creds.sessionToken,
          Expiration: creds.expiration.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        },
        AssumedRoleUser: { AssumedRoleId: `${roleIdOf(role.arn)}:${input.roleSessionName}`, Arn: session.arn },
        PackedPolicySize: undefined,
      });
    },
  };
  return {
    name: 'sts',
    operationOf(req) {
      const action = paramsOf(req).get('Action');
      return action && (OPERATIONS as readonly string[]).includes(action) ? action : undefined;
    },
    async handle(req: StsRequest) {
      const handler = handlers[req.operation as (typeof OPERATIONS)[number]];
      if (!handler) return stsErrorResponse(400, 'InvalidAction', `Could not find operation ${req.operation} for version 2011-06-15`);
      const caller = req.caller ?? opts.principals.callerOf('');
      if (!caller) return stsErrorResponse(400, 'ExpiredToken', 'The security token included in the request is expired');
      try {
        return handler(req, caller, paramsOf(req));
      } catch (err) {
        if (err instanceof StsError) return stsErrorResponse(err.status, err.code, err.message);
        throw err;
      }
    },
    error: (status, code, message) => stsErrorResponse(status, code, message),
  };
}
