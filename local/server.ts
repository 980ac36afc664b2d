/**
 * The local cloud's single loopback HTTP endpoint. Every AWS SDK request is SigV4-signed, and the
 * credential scope (`Credential=AKID/20250101/us-east-1/ec2/aws4_request`) names the service, so
 * one port serves EC2, VPC Lattice, Step Functions and EventBridge (DESIGN.md §5).
 * Per request: read body → find service → name the operation → count → faults → handle.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalRequest, LocalResponse, LocalService } from './service';
import type { Stats } from './stats';
import { faultRuleSchema, standardError, type Faults } from './faults';
import { QueryParams } from './protocol/query';
import { ec2ErrorResponse } from './protocol/xml';
import { awsJsonError, restJsonError, restJsonResponse, targetOperation } from './protocol/json';

export interface LocalServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  services: LocalService[];
  stats: Stats;
  faults: Faults;
  /** Where handler crashes are reported (default console.error). */
  log?: (message: string, error?: unknown) => void;
}

export interface LocalServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const SCOPE = /Credential=[^/,\s]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/;

/** The signing name from the SigV4 credential scope (header, or presigned query). */
export function signingNameOf(headers: http.IncomingHttpHeaders, query: URLSearchParams): string | undefined {
  const auth = headers.authorization ?? '';
  const fromHeader = SCOPE.exec(auth)?.[1];
  if (fromHeader) return fromHeader;
  const cred = query.get('X-Amz-Credential');
  return cred ? SCOPE.exec(`Credential=${cred}`)?.[1] : undefined;
}

/** Best-effort operation name for requests no service recognised, so the error can name it. */
function guessOperation(req: Omit<LocalRequest, 'operation'>): string {
  const target = targetOperation(req.headers);
  if (target) return target;
  const action = req.query.get('Action') ?? (req.method === 'POST' ? QueryParams.parse(req.body).get('Action') : undefined);
  return action ?? `${req.method} ${req.path}`;
}

/** An error in the protocol the caller most likely speaks, when no service can answer it. */
function protocolGuessError(req: Omit<LocalRequest, 'operation'>, status: number, code: string, message: string): LocalResponse {
  const ctype = String(req.headers['content-type'] ?? '');
  if (ctype.includes('x-www-form-urlencoded')) return ec2ErrorResponse(status, code, message);
  if (req.headers['x-amz-target']) return awsJsonError(status, code, message, ctype.includes('1.1') ? '1.1' : '1.0');
  return restJsonError(status, code, message);
}

function unknownOperation(service: LocalService, operation: string): LocalResponse {
  return service.name === 'ec2'
    ? service.error(400, 'InvalidAction', `The action ${operation} is not valid for this web service.`)
    : service.error(400, 'UnknownOperationException', `Unknown operation ${operation}`);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function adminRoute(method: string, path: string, body: string, opts: LocalServerOptions): LocalResponse | undefined {
  if (path === '/_local/health' && method === 'GET') return restJsonResponse({ ok: true });
  if (path === '/_local/stats' && method === 'GET') return restJsonResponse(opts.stats.snapshot());
  if (path === '/_local/stats' && method === 'DELETE') { opts.stats.reset(); return restJsonResponse({ reset: true }); }
  if (path === '/_local/faults' && method === 'GET') return restJsonResponse({ faults: opts.faults.list() });
  if (path === '/_local/faults' && method === 'DELETE') { opts.faults.clear(); return restJsonResponse({ cleared: true }); }
  if (path === '/_local/faults' && method === 'POST') {
    let input: unknown;
    try { input = JSON.parse(body || 'null'); } catch { return restJsonError(400, 'ValidationException', 'Body must be JSON'); }
    const parsed = faultRuleSchema.array().safeParse(Array.isArray(input) ? input : [input]);
    if (!parsed.success) return restJsonError(400, 'ValidationException', parsed.error.message);
    return restJsonResponse({ ids: parsed.data.map((r) => opts.faults.add(r)) }, 201);
  }
  if (path.startsWith('/_local/')) return restJsonError(404, 'NotFound', `No local route ${method} ${path}`);
  return undefined;
}

async function route(raw: http.IncomingMessage, opts: LocalServerOptions): Promise<LocalResponse> {
  const url = new URL(raw.url ?? '/', 'http://local');
  const body = await readBody(raw);
  const method = raw.method ?? 'GET';
  const admin = adminRoute(method, url.pathname, body, opts);
  if (admin) return admin;

  const base = { service: '', method, path: url.pathname, query: url.searchParams, headers: raw.headers, body };
  const name = signingNameOf(raw.headers, url.searchParams);
  const service = opts.services.find((s) => s.name === name);
  if (!service) {
    const op = guessOperation(base);
    return protocolGuessError(base, 400, 'UnrecognizedClientException', `No local service for signing name '${name ?? '(unsigned)'}' (operation ${op})`);
  }
  const req0 = { ...base, service: service.name };
  const known = service.operationOf(req0);
  const operation = known ?? guessOperation(req0);
  opts.stats.countApiCall(`${service.name}:${operation}`);

  const fault = opts.faults.decide(service.name, operation);
  if (fault.delayMs > 0) await sleep(fault.delayMs);
  if (fault.error) return service.error(fault.error.status, fault.error.code, fault.error.message);
  if (!known) return unknownOperation(service, operation);

  try {
    return await service.handle({ ...req0, operation });
  } catch (err) {
    (opts.log ?? ((m, e) => console.error(m, e)))(`local cloud: ${service.name}:${operation} crashed`, err);
    const internal = standardError(service.name, 'server-error');
    return service.error(internal.status, internal.code, internal.message);
  }
}

export function startLocalServer(opts: LocalServerOptions): Promise<LocalServer> {
  const server = http.createServer((req, res) => {
    route(req, opts)
      .catch((err): LocalResponse => {
        (opts.log ?? ((m, e) => console.error(m, e)))('local cloud: request failed', err);
        return restJsonError(500, 'InternalFailure', 'local cloud failure');
      })
      .then((out) => {
        const payload = Buffer.from(out.body, 'utf8');
        res.writeHead(out.status, { ...out.headers, 'content-length': String(payload.length) });
        res.end(payload);
      });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // SDK clients keep connections alive; without this close() waits for their idle timeout.
            server.closeAllConnections();
          }),
      });
    });
  });
}
