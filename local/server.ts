/**
 * The local cloud's single loopback HTTP endpoint. Every AWS SDK request is SigV4-signed, and the
 * credential scope (`Credential=AKID/20250101/us-east-1/ec2/aws4_request`) names the service, so
 * one port serves EC2, VPC Lattice, Step Functions and EventBridge (docs/design.md#local-cloud). The
 * access key ID names the caller (local/iam/principals.ts), the scope's Region the state it sees.
 * Per request: read body → find service → check the Region → resolve the caller → name the operation
 * → count → throttle (docs/local-cloud.md#request-throttling) → authorize → faults → validate against
 * the service model (local/model/) → handle.
 * Bodies are read as bytes: every service gets them as UTF-8 text in `body`, and S3 (binary objects,
 * checksums) also as the exact bytes in `bodyBytes`; a response may answer bytes the same way.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalRequest, LocalResponse, LocalService } from './service';
import { OPERATOR_ACCOUNT } from './accounts';
import { Principals, expiredTokenMessage, type Caller } from './iam/principals';
import { invalidRegionMessage, isKnownRegion } from './regions';
import type { Stats } from './stats';
import { faultRuleSchema, standardError, type Faults } from './faults';
import { requestParams } from './faults-params';
import { describeIssues } from './faults-routes';
import { validateRequest } from './model/validate';
import { QueryParams } from './protocol/query';
import { ec2ErrorResponse } from './protocol/xml';
import { awsJsonError, restJsonError, restJsonResponse, targetOperation } from './protocol/json';
import type { RequestThrottle } from './throttle';

/** A request as the server hands it over: `body` as text, and the exact bytes received. */
export type ByteRequest = LocalRequest & { bodyBytes: Buffer };
/** A response whose body is bytes (S3 objects); `body` is then ignored. `lost`: reset the connection instead (a lost response). */
export type ByteResponse = LocalResponse & { bodyBytes?: Buffer; lost?: boolean };

export interface LocalServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  services: LocalService[];
  stats: Stats;
  faults: Faults;
  /** Where handler crashes are reported (default console.error). */
  log?: (message: string, error?: unknown) => void;
  /** Who an access key ID acts as (default: a `Principals` for the operator account 123456789012). */
  principals?: Pick<Principals, 'callerOf'>;
  /**
   * Called once the caller and a known operation are identified, before faults and handling: a
   * response means "denied, answer this" (IAM enforcement plugs in here).
   */
  authorize?: (req: LocalRequest) => Promise<LocalResponse | undefined>;
  /**
   * Documented request-rate limits per account and Region (local/throttle/): a throttled call is
   * answered with its service's throttling error and counted in `/_local/stats` `throttled`.
   */
  throttle?: Pick<RequestThrottle, 'check' | 'reset'>;
  /** More `/_local/…` routes (faults, clock, proxy, endpoints: local/faults-routes.ts); undefined = not this route. */
  localRoutes?: (method: string, path: string, body: string) => Promise<LocalResponse | undefined>;
}

export interface LocalServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const SCOPE = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;

export interface CredentialScope {
  accessKeyId: string;
  region: string;
  /** The signing name: ec2, vpc-lattice, states, events, sts, ram … */
  service: string;
}

/** The SigV4 credential (`Credential=AKID/20250101/us-east-1/ec2/aws4_request`), from the header or a presigned query. */
export function credentialScopeOf(headers: http.IncomingHttpHeaders, query: URLSearchParams): CredentialScope | undefined {
  const cred = query.get('X-Amz-Credential');
  const m = SCOPE.exec(headers.authorization ?? '') ?? (cred ? SCOPE.exec(`Credential=${cred}`) : null);
  return m ? { accessKeyId: m[1], region: m[2], service: m[3] } : undefined;
}

/** The signing name from the SigV4 credential scope (header, or presigned query). */
export function signingNameOf(headers: http.IncomingHttpHeaders, query: URLSearchParams): string | undefined {
  return credentialScopeOf(headers, query)?.service;
}

/** Query-protocol services (EC2, STS) answer auth errors with their own codes; the JSON ones with `…Exception`. */
const QUERY_PROTOCOL = new Set(['ec2', 'sts']);

function regionRefused(service: LocalService, region: string): LocalResponse {
  const code = service.name === 'ec2' ? 'AuthFailure' : QUERY_PROTOCOL.has(service.name) ? 'SignatureDoesNotMatch' : 'InvalidSignatureException';
  return service.error(403, code, invalidRegionMessage(region));
}

/** A local STS session past its expiration (local/iam/principals.ts `expiredTokenMessage`). */
function expiredToken(service: LocalService): LocalResponse {
  return QUERY_PROTOCOL.has(service.name)
    ? service.error(400, 'ExpiredToken', expiredTokenMessage)
    : service.error(403, 'ExpiredTokenException', expiredTokenMessage);
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

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The Query parameter names of an EC2/STS request (body and URL): a filter or pagination picks EC2's larger bucket. */
function queryParamNames(req: Pick<LocalRequest, 'body' | 'query' | 'headers'>): string[] {
  const names = [...req.query.keys()];
  if (String(req.headers['content-type'] ?? '').includes('x-www-form-urlencoded')) names.push(...new URLSearchParams(req.body).keys());
  return names;
}

const defaultPrincipals = new Principals(OPERATOR_ACCOUNT);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function adminRoute(method: string, path: string, body: string, opts: LocalServerOptions): LocalResponse | undefined {
  if (path === '/_local/health' && method === 'GET') return restJsonResponse({ ok: true });
  if (path === '/_local/stats' && method === 'GET') return restJsonResponse(opts.stats.snapshot());
  if (path === '/_local/stats' && method === 'DELETE') {
    opts.stats.reset();
    opts.throttle?.reset(); // every bucket full again, so a measured run starts as a fresh account would
    return restJsonResponse({ reset: true });
  }
  if (path === '/_local/faults' && method === 'GET') return restJsonResponse({ faults: opts.faults.list() });
  if (path === '/_local/faults' && method === 'DELETE') { opts.faults.clear(); return restJsonResponse({ cleared: true }); }
  if (path === '/_local/faults' && method === 'POST') {
    let input: unknown;
    try { input = JSON.parse(body || 'null'); } catch { return restJsonError(400, 'ValidationException', 'Body must be JSON'); }
    const parsed = faultRuleSchema.array().safeParse(Array.isArray(input) ? input : [input]);
    if (!parsed.success) return restJsonError(400, 'ValidationException', describeIssues(parsed.error));
    return restJsonResponse({ ids: parsed.data.map((r) => opts.faults.add(r)) }, 201);
  }
  if (path.startsWith('/_local/')) return restJsonError(404, 'NotFound', `No local route ${method} ${path}`);
  return undefined;
}

async function route(raw: http.IncomingMessage, opts: LocalServerOptions): Promise<LocalResponse> {
  const url = new URL(raw.url ?? '/', 'http://local');
  const bodyBytes = await readBody(raw);
  const body = bodyBytes.toString('utf8');
  const method = raw.method ?? 'GET';
  const extra = url.pathname.startsWith('/_local/') ? await opts.localRoutes?.(method, url.pathname, body) : undefined;
  if (extra) return extra;
  const admin = adminRoute(method, url.pathname, body, opts);
  if (admin) return admin;

  const scope = credentialScopeOf(raw.headers, url.searchParams);
  const principals = opts.principals ?? defaultPrincipals;
  const placeholder: Caller = { accountId: OPERATOR_ACCOUNT, arn: '', accessKeyId: '', type: 'account' };
  const base = {
    service: '', method, path: url.pathname, query: url.searchParams, headers: raw.headers, body, bodyBytes,
    caller: placeholder, region: scope?.region ?? '',
  };
  const name = scope?.service;
  const service = opts.services.find((s) => s.name === name);
  if (!service) {
    const op = guessOperation(base);
    return protocolGuessError(base, 400, 'UnrecognizedClientException', `No local service for signing name '${name ?? '(unsigned)'}' (operation ${op})`);
  }
  if (!isKnownRegion(scope!.region)) return regionRefused(service, scope!.region);
  const caller = principals.callerOf(scope!.accessKeyId);
  if (!caller) return expiredToken(service);
  const req0 = { ...base, service: service.name, caller };
  const known = service.operationOf(req0);
  const operation = known ?? guessOperation(req0);
  // Unknown operations are counted apart, so real-call counts stay exact (docs/local-cloud.md).
  if (known) opts.stats.countApiCall(`${service.name}:${operation}`);
  else opts.stats.countUnknownOperation(`${service.name}:${operation}`);

  if (known && opts.throttle) {
    const decision = opts.throttle.check({
      service: service.name, operation, account: caller.accountId, region: req0.region, paramNames: queryParamNames(req0),
    });
    if (decision.throttled) {
      opts.stats.countThrottled(`${service.name}:${operation}`);
      return service.error(decision.error.status, decision.error.code, decision.error.message);
    }
  }

  if (known && opts.authorize) {
    const denied = await opts.authorize({ ...req0, operation });
    if (denied) return denied;
  }

  const fault = opts.faults.decide(service.name, operation, { caller, params: () => requestParams(req0) });
  if (fault.delayMs > 0) await sleep(fault.delayMs);
  if (fault.error) return service.error(fault.error.status, fault.error.code, fault.error.message);
  // A lost response loses whatever the answer would have been (docs/local-cloud.md#api-faults).
  const answer = (out: ByteResponse): ByteResponse => (fault.loseResponse ? { ...out, lost: true } : out);
  if (!known) return answer(unknownOperation(service, operation));
  const invalid = validateRequest(service.name, operation, req0);
  if (invalid) return answer(service.error(invalid.status, invalid.code, invalid.message));

  try {
    return answer(await service.handle({ ...req0, operation } as ByteRequest));
  } catch (err) {
    (opts.log ?? ((m, e) => console.error(m, e)))(`local cloud: ${service.name}:${operation} crashed`, err);
    const internal = standardError(service.name, 'server-error');
    return answer(service.error(internal.status, internal.code, internal.message));
  }
}

export function startLocalServer(opts: LocalServerOptions): Promise<LocalServer> {
  const server = http.createServer((req, res) => {
    route(req, opts)
      .catch((err): LocalResponse => {
        (opts.log ?? ((m, e) => console.error(m, e)))('local cloud: request failed', err);
        return restJsonError(500, 'InternalFailure', 'local cloud failure');
      })
      .then((out: ByteResponse) => {
        // The call took effect; its answer is lost: the client sees a reset connection (docs/local-cloud.md#api-faults).
        if (out.lost) { req.socket.destroy(); return; }
        const payload = out.bodyBytes ?? Buffer.from(out.body, 'utf8');
        // A HEAD response keeps the length of the body a GET would return (HeadObject's Content-Length).
        const length = req.method === 'HEAD' && out.headers?.['content-length'] ? out.headers['content-length'] : String(payload.length);
        res.writeHead(out.status, { ...out.headers, 'content-length': length });
        res.end(req.method === 'HEAD' ? undefined : payload);
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
