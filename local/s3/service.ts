/**
 * A minimal S3 as a LocalService: CreateBucket, HeadBucket, PutObject, GetObject, HeadObject and
 * ListObjectsV2 over the REST-XML protocol with path-style addressing (`forcePathStyle: true`:
 * `/bucket/key`). Objects keep their ETag (MD5 in quotes), Content-Type, `x-amz-meta-*` and
 * server-side encryption, echoed as S3 does (https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html,
 * API_GetObject.html, API_HeadObject.html, API_ListObjectsV2.html). State is per bucket; buckets
 * belong to the caller's account and the Region of its signature (store.ts).
 */
import type { LocalRequest, LocalResponse, LocalService } from '../service';
import type { ByteRequest, ByteResponse } from '../server';
import { decodePutBody } from './body';
import { s3ErrorResponse, S3Error } from './errors';
import { renderListObjectsV2 } from './list';
import { S3Store, type S3Caller, type StoredObject } from './store';

export type S3Service = LocalService & { store: S3Store };

const OBJECT_OPS: Record<string, string> = { PUT: 'PutObject', GET: 'GetObject', HEAD: 'HeadObject' };
// x-amz-server-side-encryption values S3 accepts (API_PutObject.html, "ServerSideEncryption").
const SSE_VALUES = new Set(['AES256', 'aws:kms', 'aws:kms:dsse']);
const SUBRESOURCE = /^(acl|tagging|uploads|uploadId|versioning|policy|lifecycle|encryption|cors|website|location|versions|delete|attributes|retention|legal-hold|notification|logging|replication|object-lock)$/;

interface Target { bucket?: string; key?: string }

function targetOf(path: string): Target {
  const rest = path.replace(/^\/+/, '');
  if (rest === '') return {};
  const slash = rest.indexOf('/');
  if (slash < 0) return { bucket: decodeURIComponent(rest) };
  const key = decodeURIComponent(rest.slice(slash + 1));
  return { bucket: decodeURIComponent(rest.slice(0, slash)), key: key === '' ? undefined : key };
}

const header = (req: Pick<LocalRequest, 'headers'>, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

export function s3OperationOf(req: Pick<LocalRequest, 'method' | 'path' | 'query' | 'headers'>): string | undefined {
  for (const name of req.query.keys()) if (SUBRESOURCE.test(name)) return undefined;
  const { bucket, key } = targetOf(req.path);
  if (!bucket) return undefined;
  let op: string | undefined;
  if (key !== undefined) op = header(req, 'x-amz-copy-source') ? undefined : OBJECT_OPS[req.method];
  else if (req.method === 'PUT') op = 'CreateBucket';
  else if (req.method === 'HEAD') op = 'HeadBucket';
  else if (req.method === 'GET' && req.query.get('list-type') === '2') op = 'ListObjectsV2';
  const named = req.query.get('x-id'); // the SDK names the operation it means
  return named && named !== op ? undefined : op;
}

export function createS3Service(store = new S3Store()): S3Service {
  return {
    name: 's3',
    store,
    operationOf: s3OperationOf,
    async handle(req) {
      const head = req.method === 'HEAD';
      try {
        const caller: S3Caller = { account: req.caller.accountId, region: req.region };
        const { bucket, key } = targetOf(req.path);
        switch (req.operation) {
          case 'CreateBucket':
            store.createBucket(bucket!, caller);
            return { status: 200, headers: { location: `/${bucket}` }, body: '' };
          case 'HeadBucket':
            store.bucket(bucket!, caller);
            return { status: 200, headers: { 'x-amz-bucket-region': req.region }, body: '' };
          case 'PutObject':
            return putObject(store, req, caller, bucket!, key!);
          case 'GetObject':
          case 'HeadObject':
            return objectResponse(store.getObject(bucket!, caller, key!), req, head);
          case 'ListObjectsV2':
            return renderListObjectsV2(store.bucket(bucket!, caller), req.query);
          default:
            throw new S3Error(501, 'NotImplemented', `The local S3 does not implement ${req.operation}`);
        }
      } catch (err) {
        if (err instanceof S3Error) return s3ErrorResponse(err.status, err.code, err.message, err.detail, head);
        throw err;
      }
    },
    error: (status, code, message) => s3ErrorResponse(status, code, message),
  };
}

function putObject(store: S3Store, req: LocalRequest, caller: S3Caller, bucket: string, key: string): LocalResponse {
  store.bucket(bucket, caller); // NoSuchBucket before any body check, as S3 answers
  const sse = header(req, 'x-amz-server-side-encryption') ?? 'AES256';
  if (!SSE_VALUES.has(sse)) {
    throw new S3Error(400, 'InvalidArgument', `The encryption method specified is not supported: ${sse}`, { ArgumentName: 'x-amz-server-side-encryption', ArgumentValue: sse });
  }
  // The server hands over the exact bytes (local/server.ts); a bare LocalRequest has only text.
  const raw = (req as Partial<ByteRequest>).bodyBytes ?? Buffer.from(req.body, 'utf8');
  const { body, checksums } = decodePutBody(raw, req.headers);
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name.startsWith('x-amz-meta-') && value !== undefined) metadata[name.slice('x-amz-meta-'.length)] = String(value);
  }
  const stored = store.putObject(bucket, caller, {
    key, body, checksums, metadata,
    contentType: header(req, 'content-type') ?? 'binary/octet-stream',
    serverSideEncryption: sse,
    kmsKeyId: sse.startsWith('aws:kms') ? header(req, 'x-amz-server-side-encryption-aws-kms-key-id') : undefined,
  });
  return { status: 200, headers: { etag: stored.etag, ...encryptionHeaders(stored), ...checksumHeaders(stored) }, body: '' };
}

function objectResponse(object: StoredObject, req: LocalRequest, head: boolean): ByteResponse {
  const headers: Record<string, string> = {
    etag: object.etag,
    'content-type': object.contentType,
    'content-length': String(object.body.length),
    'last-modified': object.lastModified.toUTCString(),
    'accept-ranges': 'bytes',
    ...encryptionHeaders(object),
  };
  for (const [name, value] of Object.entries(object.metadata)) headers[`x-amz-meta-${name}`] = value;
  // Checksums come back only when asked for (x-amz-checksum-mode: ENABLED); the SDK then verifies them.
  if (header(req, 'x-amz-checksum-mode') === 'ENABLED') Object.assign(headers, checksumHeaders(object));
  return { status: 200, headers, body: '', bodyBytes: head ? Buffer.alloc(0) : object.body };
}

function encryptionHeaders(object: StoredObject): Record<string, string> {
  const headers: Record<string, string> = { 'x-amz-server-side-encryption': object.serverSideEncryption };
  if (object.kmsKeyId) headers['x-amz-server-side-encryption-aws-kms-key-id'] = object.kmsKeyId;
  return headers;
}

function checksumHeaders(object: StoredObject): Record<string, string> {
  return Object.fromEntries(Object.entries(object.checksums).map(([algorithm, value]) => [`x-amz-checksum-${algorithm}`, value]));
}
