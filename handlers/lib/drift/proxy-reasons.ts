/**
 * Status reasons that speak about the proxy path, shared by the sweep's drift rules and its bulk
 * status marks. A `Degraded` VPC whose reason starts with a probe failure can be marked `Ready` by the
 * sweep alone once Squid answers again (and the other way round).
 */
import { fitTagValue } from '../tags';

/** What decideStatus (handlers/lib/status.ts) writes on a Ready VPC. */
export const READY_REASON = 'ProxyReachable: CONNECT through the proxy succeeded';

/** ProbeOutcome values other than Ok (handlers/lib/probe/types.ts), plus the error VerifyProxy raises. */
export const PROXY_FAILURE_REASONS = ['ProxyUnreachable', 'ProxyTimeout', 'Denied', 'UpstreamFailed', 'NotAProxy', 'ProxyCheckFailed'] as const;

/** Prefix of the reason written when the hub's resource configuration cannot be used. */
export const HUB_UNAVAILABLE = 'HubUnavailable';

export function isProxyFailureReason(reason: string | undefined): boolean {
  return PROXY_FAILURE_REASONS.some((r) => reason?.startsWith(`${r}:`));
}

export function isHubUnavailableReason(reason: string | undefined): boolean {
  return Boolean(reason?.startsWith(`${HUB_UNAVAILABLE}:`));
}

export function hubUnavailableReason(problem: string): string {
  return fitTagValue(`${HUB_UNAVAILABLE}: ${problem}`.replace(/\s+/g, ' '));
}
