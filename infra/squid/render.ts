/**
 * Renders infra/squid/squid.conf.template: the one Squid configuration used by the hub instances
 * (the CDK app puts it in their user data), the local cloud and the tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkPort, checkRunDir, listenSpec, normalizeCidr, normalizeDomains } from './validate';

export interface SquidConfigOptions {
  /** Client CIDRs allowed to use the proxy. In AWS: the resource gateway's addresses. */
  sources: string[];
  /** Listen port (default 3128). */
  port?: number;
  /** Ports CONNECT may reach (default [443]). */
  allowPorts?: number[];
  /** When set, only these destinations (`example.com` exact, `.example.com` with subdomains). */
  allowDomains?: string[];
  /** Local runs: where pid, logs and core dumps go. Default: the distribution's paths. */
  runDir?: string;
  /** Address to listen on (default: all addresses). */
  listenAddress?: string;
  /**
   * TEST/LOCAL ONLY: CIDRs that bypass the internal-range deny (e.g. 127.0.0.1/32 for the local
   * cloud's check target). Never set in AWS: it reopens exactly what the config exists to close.
   */
  testAllowDestinations?: string[];
}

export const DEFAULT_SQUID_PORT = 3128;
export const DEFAULT_CONNECT_PORTS: readonly number[] = [443];
export const SQUID_TEMPLATE_PATH = join(__dirname, 'squid.conf.template');

/** Paths used when no run directory is given: those of the Debian/Amazon Linux packages. */
const SYSTEM_PATHS = {
  accessLog: '/var/log/squid/access.log',
  cacheLog: '/var/log/squid/cache.log',
  pidFile: '/run/squid.pid',
  coredumpDir: '/var/spool/squid',
};

let template: string | undefined;

export function renderSquidConfig(opts: SquidConfigOptions): string {
  template ??= readFileSync(SQUID_TEMPLATE_PATH, 'utf8');
  return fillTemplate(template, squidTemplateValues(opts));
}

/** Validates the options and computes every placeholder's text. */
export function squidTemplateValues(opts: SquidConfigOptions): Record<string, string> {
  if (!opts || !Array.isArray(opts.sources) || opts.sources.length === 0) {
    throw new Error('sources: at least one allowed client CIDR is required');
  }
  const sources = unique(opts.sources.map((s) => normalizeCidr(s, 'source')));
  const port = checkPort(opts.port ?? DEFAULT_SQUID_PORT, 'port');
  const allowPorts = unique((opts.allowPorts ?? DEFAULT_CONNECT_PORTS).map((p) => checkPort(p, 'allowed port')));
  if (allowPorts.length === 0) throw new Error('allowed port: at least one CONNECT port is required');
  const domains = opts.allowDomains === undefined ? [] : normalizeDomains(opts.allowDomains);
  if (opts.allowDomains !== undefined && domains.length === 0) {
    // An empty allowlist would read as "no allowlist" and open every destination.
    throw new Error('allowed domain: the allowlist is empty; omit it to allow every public destination');
  }
  const testAllow = unique((opts.testAllowDestinations ?? []).map((c) => normalizeCidr(c, 'test destination')));
  const runDir = opts.runDir === undefined ? undefined : checkRunDir(opts.runDir);
  const paths = runDir === undefined ? SYSTEM_PATHS : {
    accessLog: `${runDir}/access.log`,
    cacheLog: `${runDir}/cache.log`,
    pidFile: `${runDir}/squid.pid`,
    coredumpDir: runDir,
  };
  return {
    httpPort: listenSpec(opts.listenAddress, port),
    sources: sources.join(' '),
    allowPorts: [...allowPorts].sort((a, b) => a - b).join(' '),
    testAllowAcl: testAllow.length === 0 ? '' : [
      '# TEST/LOCAL ONLY — never rendered for AWS: destinations that bypass the internal-range deny.',
      `acl test_allowed_dst dst ${testAllow.join(' ')}`,
    ].join('\n'),
    testAllowRule: testAllow.length === 0 ? '' : [
      '# TEST/LOCAL ONLY: after the port checks, so the bypass opens an address, never a port.',
      'http_access allow egress_clients test_allowed_dst',
    ].join('\n'),
    domainAcl: domains.length === 0 ? '' : [
      // -n: never reverse-resolve an IP-literal destination; a PTR record is the attacker's to write.
      '# Destination allowlist: only these names (a leading dot includes subdomains).',
      `acl allowed_domains dstdomain -n ${domains.join(' ')}`,
    ].join('\n'),
    domainRule: domains.length === 0 ? '' : [
      '# Names outside the allowlist are refused before any DNS lookup: the hub never resolves (nor',
      '# leaks through DNS) a name it would refuse anyway.',
      'http_access deny !allowed_domains',
    ].join('\n'),
    ...paths,
  };
}

/**
 * Replaces `{{name}}` placeholders. A line holding only a placeholder whose value is empty is
 * removed, so optional sections leave no blank lines behind.
 */
export function fillTemplate(text: string, values: Record<string, string>): string {
  const lines = text.split('\n').flatMap((line) => {
    const only = line.match(/^\{\{(\w+)\}\}$/);
    if (only && values[only[1]] === '') return [];
    return [line.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
      if (!(name in values)) throw new Error(`squid template: no value for {{${name}}}`);
      return values[name];
    })];
  });
  return lines.join('\n');
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
