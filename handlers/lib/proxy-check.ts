/**
 * The operator's one proxy check: an HTTP CONNECT through Squid to the configured check target, with
 * an answer timeout above Squid's own 10 s connect/DNS timeouts so a dead upstream reads as
 * UpstreamFailed rather than ProxyTimeout. Used by VerifyProxy (per VPC) and ScanFleet (per sweep).
 */
import { ENV } from '../catalog';
import { probeProxy, type ProbeResult } from './probe';

const DEFAULT_CHECK_TARGET = 'aws.amazon.com:443';

export function checkProxy(host: string, port: number): Promise<ProbeResult> {
  const target = process.env[ENV.proxyCheckTarget] || DEFAULT_CHECK_TARGET;
  return probeProxy({ host, port, target, connectTimeoutMs: 3000, answerTimeoutMs: 12000 });
}
