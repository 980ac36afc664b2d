/**
 * AWS SDK failures → one clear line for a person and an exit code for a script. Pure: the command
 * layer turns the result into a CliError. The class of the error comes from the classification the
 * operator's handlers use too (handlers/lib/aws/classify.ts); anything unrecognised still becomes one
 * line naming the operation and the service's own error code, never a stack trace.
 */
import { classifyAwsError } from '../../handlers/lib/aws/classify';
import { EXIT } from './exit-codes';

export interface Failure { message: string; exitCode: number }

export function describeAwsFailure(err: unknown, operation: string, env: NodeJS.ProcessEnv = process.env): Failure {
  const c = classifyAwsError(err);
  const name = (err as { name?: string } | undefined)?.name ?? 'Error';
  const message = oneLine(c.message);
  const endpoint = env.AWS_ENDPOINT_URL;

  if (name === 'CredentialsProviderError' || /Could not load credentials/i.test(message)) {
    return { exitCode: EXIT.environment, message: 'no AWS credentials found: run `aws configure` or `aws sso login`, set AWS_PROFILE, or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY' };
  }
  if (/Region is missing/i.test(message)) {
    return { exitCode: EXIT.environment, message: 'no AWS region configured: pass --region, or set AWS_REGION (or a region in your AWS profile)' };
  }
  if (c.class === 'credentials') {
    return { exitCode: EXIT.environment, message: `AWS rejected the credentials (${c.code}) on ${operation}: refresh them (aws sso login, new keys) and retry` };
  }
  if (c.class === 'denied') return { exitCode: EXIT.environment, message: `access denied on ${operation}: ${message}` };
  if (c.class === 'unreachable' || ['ECONNRESET', 'EAI_AGAIN'].includes(c.code)) {
    return {
      exitCode: EXIT.environment,
      message: endpoint
        ? `cannot reach the local cloud at AWS_ENDPOINT_URL=${endpoint} (${operation}): is it running?`
        : `cannot reach AWS for ${operation}: ${message}`,
    };
  }
  if (name === 'StateMachineDoesNotExist' || name === 'InvalidArn') {
    // Malformed ARNs are caught before any call (state-machines.ts); one AWS still refuses is usage too.
    return { exitCode: name === 'InvalidArn' ? EXIT.usage : EXIT.environment, message: `${operation}: ${message} — check --state-machine / EGRESS_RECONCILE_VPC_ARN (and the fleet ones)` };
  }
  if (c.class === 'throttled') return { exitCode: EXIT.failure, message: `${operation} was throttled by AWS even after retries: try again shortly` };
  // StartExecution's limit on open executions; the SDK names it ExecutionLimitExceeded, other SDKs …Exception.
  if (name === 'ExecutionLimitExceeded' || name === 'ExecutionLimitExceededException') {
    return { exitCode: EXIT.failure, message: `${operation}: too many running executions (${name}): try again once some have finished` };
  }
  return { exitCode: EXIT.failure, message: `${operation} failed: ${name}: ${message}` };
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim().slice(0, 400);
}
