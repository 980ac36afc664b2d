/**
 * Which identity each operator function runs as in the local cloud: its role's session, as Lambda
 * gives each function its execution role (docs/local-cloud.md#iam). The local IAM registers a resolver
 * per local cloud; without one (IAM not loaded) handlers keep the process's default credentials.
 */
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { withInvocationCredentials } from '../../handlers/lib/invocation-credentials';

type Resolver = (functionId: string) => AwsCredentialIdentityProvider | undefined;

let resolver: Resolver | undefined;

/** Install (or with undefined, remove) the resolver of function identities; returns the previous one. */
export function setFunctionIdentities(next: Resolver | undefined): Resolver | undefined {
  const previous = resolver;
  resolver = next;
  return previous;
}

/** Run one invocation of `functionId` as its role (catalog id: handlers/catalog.ts LAMBDAS, DISPATCHER). */
export function runAsFunction<T>(functionId: string, invoke: () => T): T {
  const credentials = resolver?.(functionId);
  return credentials ? withInvocationCredentials(credentials, invoke) : invoke();
}
