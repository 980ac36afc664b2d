/**
 * The endpoint readiness planner: from an endpoint's `State`, its association and its interfaces'
 * addresses, whether the proxy path is ready, still on its way (requeue), or failed. The one list of
 * endpoint states for the operator (docs/design.md#planners-and-drift).
 *
 * `State` casing differs by endpoint type (`Pending` vs `pending`), so states compare lower-cased.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcEndpoint.html
 */

/** Still becoming available: the AwaitEndpoint Retry requeues. */
const WAITING = ['pending', 'pendingacceptance'];
/** On its way out: neither serving nor something to delete again. */
const GOING = ['deleting', 'deleted'];

export type EndpointPhase = 'waiting' | 'available' | 'going' | 'failed';

/** failed covers failed, rejected, expired, partial and anything AWS adds later. */
export function endpointPhase(state: string | undefined): EndpointPhase {
  const s = (state ?? '').toLowerCase();
  if (WAITING.includes(s)) return 'waiting';
  if (s === 'available') return 'available';
  if (GOING.includes(s)) return 'going';
  return 'failed';
}

/** Live: serving now or about to. */
export const isLive = (state: string | undefined) => ['waiting', 'available'].includes(endpointPhase(state));
export const isGoing = (state: string | undefined) => endpointPhase(state) === 'going';

export interface ObservedAssociation {
  /** `AssociatedResourceAccessibility`: `Accessible` (any case) when usable. */
  accessibility?: string;
  failureReason?: string;
  /** The association's DNS names, private DNS name first. */
  dnsNames: string[];
}

export interface ReadinessFacts {
  endpointId: string;
  /** undefined: EC2 does not return the endpoint (yet, or any more). */
  state?: string;
  lastError?: string;
  /** undefined: not read (only read once the endpoint is available). */
  association?: ObservedAssociation;
  /** Private IPs of the endpoint's interfaces; undefined when not read. */
  ips?: string[];
}

export type Readiness =
  /** proxyHost undefined: no DNS name and the addresses were not read (the sweep's bulk view). */
  | { kind: 'ready'; proxyHost?: string }
  /** `on` says what is not there yet: the endpoint, its association, or an address. */
  | { kind: 'waiting'; on: 'endpoint' | 'association' | 'address'; why: string }
  | { kind: 'failed'; why: string }
  /** Available: the association (and addresses) must be read to judge further. */
  | { kind: 'read-association' };

export function planReadiness(f: ReadinessFacts): Readiness {
  const phase = endpointPhase(f.state);
  if (phase === 'waiting') return { kind: 'waiting', on: 'endpoint', why: `endpoint ${f.endpointId} is ${f.state}` };
  if (phase !== 'available') {
    const why = f.lastError ? ` (${f.lastError})` : '';
    return { kind: 'failed', why: `endpoint ${f.endpointId} is ${f.state ?? 'gone'}${why}` };
  }
  if (!f.association) return { kind: 'read-association' };
  // Compared lower-cased, like endpoint states: AWS documents `Accessible` but does not promise its case.
  if (f.association.accessibility?.toLowerCase() !== 'accessible') {
    const why = f.association.failureReason ? `: ${f.association.failureReason}` : '';
    return { kind: 'waiting', on: 'association', why: `endpoint ${f.endpointId} association is ${f.association.accessibility ?? 'missing'}${why}` };
  }
  // The association's DNS name resolves to every ENI of the endpoint, so it survives AZ changes;
  // the hand-built setup had to look up IPs because private DNS did not work for them.
  const proxyHost = f.association.dnsNames[0] ?? [...(f.ips ?? [])].sort()[0];
  if (!proxyHost && f.ips === undefined) return { kind: 'ready' };
  if (!proxyHost) return { kind: 'waiting', on: 'address', why: `endpoint ${f.endpointId} has no DNS name or address yet` };
  return { kind: 'ready', proxyHost };
}
