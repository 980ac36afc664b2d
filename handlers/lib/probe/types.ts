/**
 * What a proxy probe can find out. VerifyProxy turns the outcome and message into the VPC's
 * status reason, so each outcome names one thing a person can go and fix.
 */
export const PROBE_OUTCOMES = [
  /** The proxy opened a tunnel to the check target. */
  'Ok',
  /** No TCP connection to the proxy (refused, reset, unroutable, name not found, connect timeout). */
  'ProxyUnreachable',
  /** Connected, but no complete answer to CONNECT within the answer timeout. */
  'ProxyTimeout',
  /** The proxy refused the tunnel (403/407, Squid's ERR_ACCESS_DENIED). */
  'Denied',
  /** The proxy accepted the request but could not reach the target (502/503/504, Squid 5xx errors). */
  'UpstreamFailed',
  /** Whatever answered is not a forward proxy (not HTTP, or HTTP that refuses CONNECT as a method). */
  'NotAProxy',
] as const;
export type ProbeOutcome = (typeof PROBE_OUTCOMES)[number];

export interface ProbeResult {
  outcome: ProbeOutcome;
  /** Milliseconds from the start of the probe to the verdict. */
  latencyMs: number;
  /** HTTP status of the proxy's answer, when there was one. */
  status?: number;
  /** First word of Squid's `X-Squid-Error` header, e.g. `ERR_ACCESS_DENIED`. */
  squidError?: string;
  /** One sentence for the status reason. */
  message: string;
}

export interface ProbeOptions {
  /** Proxy host name or IP address. */
  host: string;
  port: number;
  /** Check target as `host:port` (`[v6]:port` for IPv6 literals). */
  target: string;
  /** Limit for the TCP connection to the proxy, including name resolution (default 5000). */
  connectTimeoutMs?: number;
  /** Limit for the proxy's answer headers after the connection is up (default 10000). */
  answerTimeoutMs?: number;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 5000;
/** Longer than Squid's own connect_timeout (10 s) so a dead target shows as UpstreamFailed. */
export const DEFAULT_ANSWER_TIMEOUT_MS = 12000;
