/**
 * The check target of a probe, `host:port` or `[v6]:port`. A malformed target is a programming or
 * configuration error, not a network outcome, so it throws.
 */
import { isIP } from 'node:net';

export interface Target {
  host: string;
  port: number;
  /** As written in the CONNECT request line (IPv6 in brackets). */
  authority: string;
}

export function parseTarget(target: string): Target {
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]+)):(\d{1,5})$/.exec(String(target).trim());
  const port = match ? Number(match[3]) : NaN;
  if (!match || port < 1 || port > 65535 || (match[1] !== undefined && isIP(match[1]) !== 6)) {
    throw new Error(`probe target: '${target}' is not host:port (use [addr]:port for IPv6)`);
  }
  const host = match[1] ?? match[2];
  return { host, port, authority: match[1] !== undefined ? `[${host}]:${port}` : `${host}:${port}` };
}

/** `host:port` for messages, with IPv6 literals in brackets. */
export function formatHostPort(host: string, port: number): string {
  return isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
}
