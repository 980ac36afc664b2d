/**
 * The desired state a VPC owner writes as tags (DESIGN.md §3), parsed and validated as a pure function.
 * The generation is a short hash of the owner keys' values: it changes exactly when the spec does,
 * and the dispatcher and the sweep can compute it from tags alone, without any stored counter.
 */
import { createHash } from 'node:crypto';
import { OPT_IN_VALUE, OWNER_KEYS, TagMap } from './tags';

export type DeletionPolicy = 'delete' | 'retain';

export interface Spec {
  optedIn: boolean;
  /** Subnets named by `egress:subnets`; undefined = choose one per served AZ. */
  subnetIds?: string[];
  deletionPolicy: DeletionPolicy;
}

export type SpecResult = { ok: true; spec: Spec } | { ok: false; spec: Spec; problem: string };

const SUBNET_ID = /^subnet-[0-9a-f]{8}([0-9a-f]{9})?$/;

export function parseSpec(tags: TagMap): SpecResult {
  const optedIn = tags[OWNER_KEYS.optIn] === OPT_IN_VALUE;
  const problems: string[] = [];

  const rawPolicy = tags[OWNER_KEYS.deletionPolicy];
  let deletionPolicy: DeletionPolicy = 'delete';
  if (rawPolicy !== undefined) {
    const policy = rawPolicy.trim().toLowerCase();
    if (policy === 'delete' || policy === 'retain') deletionPolicy = policy;
    else problems.push(`${OWNER_KEYS.deletionPolicy} must be "delete" or "retain", not ${JSON.stringify(clip(rawPolicy))}`);
  }

  let subnetIds: string[] | undefined;
  const rawSubnets = tags[OWNER_KEYS.subnets];
  if (rawSubnets !== undefined && rawSubnets.trim() !== '') {
    const ids = [...new Set(rawSubnets.split(/[\s,]+/).filter(Boolean))];
    const bad = ids.filter((id) => !SUBNET_ID.test(id));
    if (bad.length) problems.push(`${OWNER_KEYS.subnets} holds ${bad.map((b) => JSON.stringify(clip(b))).join(', ')}, not subnet IDs`);
    else subnetIds = ids.sort();
  }

  const spec: Spec = { optedIn, deletionPolicy, ...(subnetIds ? { subnetIds } : {}) };
  return problems.length ? { ok: false, spec, problem: problems.join('; ') } : { ok: true, spec };
}

/** Ten hex characters identifying the owner keys' values (the spec generation). */
export function generationOf(tags: TagMap): string {
  const canonical = JSON.stringify(Object.values(OWNER_KEYS).map((k) => [k, tags[k] ?? null]));
  return createHash('sha256').update(canonical).digest('hex').slice(0, 10);
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
