/**
 * Who is calling: the principal behind a request's access key ID (docs/design.md#local-cloud).
 *
 * - A 12-digit access key ID acts as that account's root (the convention LocalStack uses, so a client
 *   can act as any seeded account with `AWS_ACCESS_KEY_ID=<account id>`).
 * - A key issued by the local STS (AssumeRole) acts as that assumed role until it expires; after that
 *   the key resolves to nothing and the caller gets the error AWS gives for an expired session
 *   (`ExpiredToken`, see {@link expiredTokenMessage}).
 * - Any other key acts as the operator's account.
 *
 * Assumed-role ARN format `arn:aws:sts::<account>:assumed-role/<role name>/<session name>` (no role path):
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns
 */
import { randomBytes } from 'node:crypto';

export interface Caller {
  accountId: string;
  /** `arn:aws:iam::<account>:root` or `arn:aws:sts::<account>:assumed-role/<role>/<session>`. */
  arn: string;
  accessKeyId: string;
  type: 'account' | 'assumed-role';
  /** The IAM role ARN (with its path) for an assumed role. */
  roleArn?: string;
  sessionName?: string;
}

export interface SessionCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

interface Session {
  caller: Caller;
  expiresAt: number;
}

/** Default and bounds of AssumeRole's DurationSeconds: https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html */
export const DEFAULT_SESSION_SECONDS = 3600;

/** What AWS answers (HTTP 400/403 `ExpiredToken`/`ExpiredTokenException`) for a session past its expiration. */
export const expiredTokenMessage = 'The security token included in the request is expired';

const ACCOUNT_KEY = /^\d{12}$/;
const ROLE_ARN = /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:[\w+=,.@/-]*\/)?([\w+=,.@-]+)$/;

export class InvalidRoleArnError extends Error {
  constructor(readonly roleArn: string) {
    super(`Invalid role ARN: ${roleArn}`);
    this.name = 'InvalidRoleArnError';
  }
}

/** Parse `arn:aws:iam::<account>:role[/path]/<name>`; undefined when it is not a role ARN. */
export function parseRoleArn(roleArn: string): { accountId: string; roleName: string } | undefined {
  const m = ROLE_ARN.exec(roleArn);
  return m ? { accountId: m[1], roleName: m[2] } : undefined;
}

/** The caller a role session acts as. */
export function assumedRoleCaller(roleArn: string, sessionName: string, accessKeyId: string): Caller {
  const parsed = parseRoleArn(roleArn);
  if (!parsed) throw new InvalidRoleArnError(roleArn);
  return {
    accountId: parsed.accountId,
    arn: `arn:aws:sts::${parsed.accountId}:assumed-role/${parsed.roleName}/${sessionName}`,
    accessKeyId,
    type: 'assumed-role',
    roleArn,
    sessionName,
  };
}

function accountCaller(accountId: string, accessKeyId: string): Caller {
  return { accountId, arn: `arn:aws:iam::${accountId}:root`, accessKeyId, type: 'account' };
}

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** `ASIA` + 16 characters, the shape of AWS temporary access key IDs. */
function temporaryAccessKeyId(): string {
  const bytes = randomBytes(16);
  let id = 'ASIA';
  for (const b of bytes) id += KEY_ALPHABET[b % KEY_ALPHABET.length];
  return id;
}

export class Principals {
  private readonly sessions = new Map<string, Session>();

  constructor(
    readonly operatorAccountId: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** The principal behind an access key ID; undefined only for a local STS session that has expired. */
  callerOf(accessKeyId: string): Caller | undefined {
    const session = this.sessions.get(accessKeyId);
    if (session) {
      if (this.now() >= session.expiresAt) return undefined;
      return session.caller;
    }
    if (ACCOUNT_KEY.test(accessKeyId)) return accountCaller(accessKeyId, accessKeyId);
    return accountCaller(this.operatorAccountId, accessKeyId);
  }

  /** True when the key belongs to a local STS session that has expired (callerOf answers undefined). */
  isExpired(accessKeyId: string): boolean {
    const session = this.sessions.get(accessKeyId);
    return session !== undefined && this.now() >= session.expiresAt;
  }

  /** New temporary credentials acting as `roleArn`. The caller (STS) has already checked the trust policy. */
  issueSession(roleArn: string, sessionName: string, durationSeconds = DEFAULT_SESSION_SECONDS): SessionCredentials {
    const accessKeyId = temporaryAccessKeyId();
    const caller = assumedRoleCaller(roleArn, sessionName, accessKeyId);
    const expiresAt = this.now() + durationSeconds * 1000;
    this.sessions.set(accessKeyId, { caller, expiresAt });
    return {
      accessKeyId,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: randomBytes(96).toString('base64'),
      expiration: new Date(expiresAt),
    };
  }
}
