/**
 * Status reasons that speak about the proxy path, shared by VerifyProxy, the status planner and the
 * sweep's bulk marks. A `Degraded` VPC whose reason starts with a probe failure can be marked `Ready`
 * by the sweep alone once Squid answers again (and the other way round).
 */
import { PROBE_OUTCOMES, type ProbeResult } from '../probe/types';
import { fitTagValue } from '../tags';

/** What the status planner writes on a Ready VPC. */
export const READY_REASON = 'ProxyReachable: CONNECT through the proxy succeeded';

/** Every probe outcome other than Ok, plus the error VerifyProxy raises. */
export const PROXY_FAILURE_REASONS: readonly string[] = [...PROBE_OUTCOMES.filter((o) => o !== 'Ok'), 'ProxyCheckFailed'];

/** Prefix of the reason written when the hub's resource configuration cannot be used. */
const HUB_UNAVAILABLE = 'HubUnavailable';

export function isProxyFailureReason(reason: string | undefined): boolean {
  return PROXY_FAILURE_REASONS.some((r) => reason?.startsWith(`${r}:`));
}

export function isHubUnavailableReason(reason: string | undefined): boolean {
  return Boolean(reason?.startsWith(`${HUB_UNAVAILABLE}:`));
}

export function hubUnavailableReason(problem: string): string {
  return fitTagValue(`${HUB_UNAVAILABLE}: ${problem}`.replace(/\s+/g, ' '));
}

/** A probe's verdict as a status reason: `Outcome: message` (Ok reads as ProxyReachable). */
export function probeReason(result: Pick<ProbeResult, 'outcome' | 'message'>): string {
  return fitTagValue(result.outcome === 'Ok' ? `ProxyReachable: ${result.message}` : `${result.outcome}: ${result.message}`);
}
