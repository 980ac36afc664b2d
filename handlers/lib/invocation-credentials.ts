/**
 * The credentials of the current Lambda invocation, for every SDK client of the handlers.
 *
 * In Lambda each function runs in its own process with its role's session in the environment, so this
 * is always the SDK's default provider chain there. The local cloud runs every handler in one process:
 * it wraps each invocation in `withInvocationCredentials(<that function role's session>, …)` and the
 * provider reads that scope on every request (docs/local-cloud.md#iam).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';

const scope = new AsyncLocalStorage<AwsCredentialIdentityProvider>();
let chain: AwsCredentialIdentityProvider | undefined;

/** Run `fn` (and everything it awaits) with `credentials` as the handlers' identity. */
export function withInvocationCredentials<T>(credentials: AwsCredentialIdentityProvider, fn: () => T): T {
  return scope.run(credentials, fn);
}

type Provider = AwsCredentialIdentityProvider & { memoized?: boolean };

/**
 * `memoized = true` tells the SDK not to wrap this provider in its own cache
 * (@aws-sdk/core normalizeCredentialProvider): each request must read the current invocation's scope,
 * or concurrent invocations would share whichever identity was resolved first.
 */
export const invocationCredentials: Provider = Object.assign(
  async (options?: Parameters<AwsCredentialIdentityProvider>[0]): Promise<AwsCredentialIdentity> => {
    const current = scope.getStore();
    if (current) return current(options);
    chain ??= defaultProvider();
    return chain(options);
  },
  { memoized: true },
);
