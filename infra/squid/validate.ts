/**
 * Input checks for the Squid config renderer. Every value ends up as a word in squid.conf, so a
 * value that is not exactly a CIDR, port, domain or path is refused here: a stray space, newline
 * or `#` would otherwise change the meaning of the config (config injection), and Squid's own
 * errors do not name the option the value came from.
 */
import { isIP } from 'node:net';
import { formatAddress, parseIpv4, parseIpv6 } from '../../handlers/lib/cidr/address';

/** A CIDR in the form Squid is given: network address and prefix length, e.g. `10.0.0.0/16`. */
export function normalizeCidr(value: string, what: string): string {
  const text = String(value).trim();
  const [address, prefixText, ...rest] = text.split('/');
  // The operator's one IP/CIDR module parses (handlers/lib/cidr/address.ts): strict, so zone IDs
  // (fe80::1%eth0), which mean nothing to Squid's ACLs, and octal-looking octets are refused.
  const family = address.includes(':') ? 6 : 4;
  const parsed = family === 4 ? parseIpv4(address) : parseIpv6(address);
  const maxPrefix = family === 4 ? 32 : 128;
  if (parsed === undefined || rest.length > 0) throw new Error(`${what}: '${value}' is not an IP address or CIDR`);
  const prefix = prefixText === undefined ? maxPrefix : Number(prefixText);
  if (!/^\d{1,3}$/.test(prefixText ?? '0') || !Number.isInteger(prefix) || prefix > maxPrefix) {
    throw new Error(`${what}: '${value}' has an invalid prefix length (0–${maxPrefix})`);
  }
  const bits = BigInt(parsed);
  const hostMask = (1n << BigInt(maxPrefix - prefix)) - 1n;
  if ((bits & hostMask) !== 0n) {
    // Squid would silently widen or narrow it; a mistyped source list must not pass unnoticed.
    throw new Error(`${what}: '${value}' has host bits set; did you mean ${formatAddress(family, bits & ~hostMask)}/${prefix}?`);
  }
  return `${family === 4 ? address : formatAddress(6, bits)}/${prefix}`;
}

/** A TCP port, 1–65535. */
export function checkPort(value: unknown, what: string): number {
  const port = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${what}: '${String(value)}' is not a TCP port (1–65535)`);
  }
  return port;
}

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const DOMAIN = new RegExp(`^\\.?(?:${LABEL}\\.)*${LABEL}$`);

/**
 * Domains for `dstdomain`: `example.com` matches only that name, `.example.com` the name and all
 * its subdomains. Squid refuses a list where one entry covers another, so covered entries are
 * dropped; the result is sorted so that the rendering is stable.
 */
export function normalizeDomains(values: readonly string[]): string[] {
  const domains = new Set<string>();
  for (const value of values) {
    const domain = String(value).trim().toLowerCase().replace(/\.$/, '');
    if (!DOMAIN.test(domain) || domain.length > 254) throw new Error(`allowed domain: '${value}' is not a domain name`);
    if (isIP(domain.replace(/^\./, '')) !== 0 || /^\.?[\d.]+$/.test(domain)) {
      throw new Error(`allowed domain: '${value}' is an IP address; the allowlist takes names`);
    }
    domains.add(domain);
  }
  const wildcards = [...domains].filter((d) => d.startsWith('.'));
  const covered = (d: string) => wildcards.some((w) => w !== d && (d === w.slice(1) || d.endsWith(w)));
  return [...domains].filter((d) => !covered(d)).sort();
}

/** An absolute directory path made only of characters that need no quoting in squid.conf. */
export function checkRunDir(value: string): string {
  if (!/^\/[A-Za-z0-9._\-/]*$/.test(value)) {
    throw new Error(`run directory: '${value}' must be an absolute path of letters, digits, '.', '_', '-' and '/'`);
  }
  return value.length > 1 ? value.replace(/\/+$/, '') : value;
}

/** The address `http_port` binds to, in Squid's syntax (IPv6 in brackets). */
export function listenSpec(address: string | undefined, port: number): string {
  if (address === undefined) return String(port);
  const family = address.includes('%') ? 0 : isIP(address);
  if (family === 0) throw new Error(`listen address: '${address}' is not an IP address`);
  return family === 4 ? `${address}:${port}` : `[${address}]:${port}`;
}
