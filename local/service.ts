import type { Caller } from './iam/principals';

/**
 * The seams of the local cloud. The HTTP server (server.ts) identifies the service from the SigV4
 * credential scope and the operation from the protocol (EC2 `Action`, Lattice REST path,
 * `X-Amz-Target`), counts it, applies injected faults, and hands the request to that service.
 */
export interface LocalRequest {
  /** Signing name from the credential scope: ec2, vpc-lattice, states, events. */
  service: string;
  /** Operation name as AWS spells it (DescribeVpcs, GetResourceConfiguration, StartExecution, …). */
  operation: string;
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Who signed the request (from the access key ID of the SigV4 credential). */
  caller: Caller;
  /** The Region of the SigV4 credential scope; services keep their state per account and Region. */
  region: string;
}

export interface LocalResponse {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

export interface LocalService {
  /** Signing name this service answers to. */
  name: string;
  /** Return the operation name for a request, or undefined when it cannot tell. */
  operationOf(req: Omit<LocalRequest, 'operation'>): string | undefined;
  handle(req: LocalRequest): Promise<LocalResponse>;
  /** An AWS-style error in this service's protocol shape (used for faults and unknown operations). */
  error(status: number, code: string, message: string): LocalResponse;
}

/** An EventBridge event as PutEvents and the rules see it. */
export interface CloudEvent {
  version?: string;
  id?: string;
  source: string;
  'detail-type': string;
  account?: string;
  time?: string;
  region?: string;
  resources?: string[];
  detail: Record<string, unknown>;
}

/** Shared by every service of one local cloud. */
export interface ServiceContext {
  accountId: string;
  region: string;
  /** Deliver an event to the default bus (EC2 tag changes use this). */
  emitEvent(event: CloudEvent): void;
  /** Counters exposed on GET /_local/stats. */
  stats: {
    countApiCall(key: string): void;
    countExecution(stateMachineName: string): void;
    countTransitions(stateMachineName: string, n: number): void;
  };
}
