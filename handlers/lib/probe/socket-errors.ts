/**
 * Failures to get a TCP connection to the proxy, as one readable phrase. Pure, so the wording is
 * table-tested rather than discovered in a status tag.
 */
const PHRASES: Record<string, string> = {
  ECONNREFUSED: 'connection refused (nothing listens on that port)',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EADDRNOTAVAIL: 'address not available',
  ENOTFOUND: 'name does not resolve',
  EAI_AGAIN: 'name resolution failed temporarily',
  ETIMEDOUT: 'connection timed out',
  EPIPE: 'connection closed while sending',
};

export function describeSocketError(err: unknown): string {
  const code = (err as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') return `${PHRASES[code] ?? 'socket error'} (${code})`;
  return err instanceof Error && err.message ? err.message : 'socket error';
}
