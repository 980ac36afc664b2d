/**
 * Input checks for the Squid config renderer. Every value ends up as a word in squid.conf, so a
 * value that is not exactly a CIDR, port, domain or path is refused here: a stray space, newline
 * or `#` would otherwise change the meaning of the config (config injection), and Squid's own
 * errors do not name the option the value came from.
 */
import { isIP } from 'node:net';

/** A CIDR in the form Squid is given: network address and prefix length, e.g. `10.0.0.0/16`. */
export function normalizeCidr(value: string, what: string): string {
  const text = String(value).trim();
  const [address, prefixText, ...rest] = text.split('/');
  // Zone IDs (fe80::1%eth0) mean nothing to Squid's ACLs.
  const family = address.includes('%') ? 0 : isIP(address);
  const maxPrefix = family === 4 ? 32 : 128;
  if (family === 0 || rest.length > 0) throw new Error(`${what}: '${value}' is not an IP address or CIDR`);
  const prefix = prefixText === undefined ? maxPrefix : Number(prefixText);
  if (!/^\d{1,3}$/.test(prefixText ?? '0') || !Number.isInteger(prefix) || prefix > maxPrefix) {
    throw new Error(`${what}: '${value}' has an invalid prefix length (0–${maxPrefix})`);
  }
  const bits = family === 4 ? ipv4ToBigInt(address) : ipv6ToBigInt(address);
  const hostMask = (1n << BigInt(maxPrefix - prefix)) - 1n;
  if ((bits & hostMask) !== 0n) {
    // Squid would silently widen or narrow it; a mistyped source list must not pass unnoticed.
    const network = bits & ~hostMask;
    const shown = family === 4 ? bigIntToIpv4(network) : bigIntToIpv6(network);
    throw new Error(`${what}: '${value}' has host bits set; did you mean ${shown}/${prefix}?`);
  }
  return `${family === 4 ? address : bigIntToIpv6(bits)}/${prefix}`;
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

function ipv4ToBigInt(address: string): bigint {
  return address.split('.').reduce((acc, octet) => (acc << 8n) | BigInt(Number(octet)), 0n);
}

function bigIntToIpv4(bits: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((bits >> shift) & 255n)).join('.');
}

function ipv6ToBigInt(address: string): bigint {
  let text = address.toLowerCase();
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two hextets.
  const v4 = text.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (v4) {
    const n = ipv4ToBigInt(v4[1]);
    text = `${text.slice(0, -v4[1].length)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const headParts = head ? head.split(':') : [];
  const tailParts = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array(8 - headParts.length - tailParts.length).fill('0');
  return [...headParts, ...zeros, ...tailParts].reduce((acc, h) => (acc << 16n) | BigInt(parseInt(h, 16)), 0n);
}

/** Compressed lower-case IPv6 text (RFC 5952 style: longest zero run becomes `::`). */
function bigIntToIpv6(bits: bigint): string {
  const hextets = Array.from({ length: 8 }, (_, i) => Number((bits >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && hextets[j] === 0) j++;
    if (j - i > best.length && j - i > 1) best = { start: i, length: j - i };
    i = j === i ? i + 1 : j;
  }
  const hex = hextets.map((h) => h.toString(16));
  if (best.start < 0) return hex.join(':');
  const left = hex.slice(0, best.start).join(':');
  const right = hex.slice(best.start + best.length).join(':');
  return `${left}::${right}`;
}
