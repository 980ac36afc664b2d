/**
 * The desired state a VPC owner writes as tags (docs/design.md#tag-contract), parsed and validated as a pure function.
 * The generation is a short hash of the owner keys' values: it changes exactly when the spec does,
 * and the dispatcher and the sweep can compute it from tags alone, without any stored counter.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { quoted } from './quote';
import { isOptedIn, OPT_IN_VALUE, OWNER_KEYS, TagMap } from './tags';

export const specSchema = z.object({
  optedIn: z.boolean(),
  /** Subnets named by `egress:subnets`; undefined = choose one per served AZ. */
  subnetIds: z.array(z.string()).optional(),
  deletionPolicy: z.enum(['delete', 'retain']),
  /** Set when `egress` holds a value other than `proxy` (any case): why the VPC is not opted in. */
  optOutNote: z.string().optional(),
});
export type Spec = z.infer<typeof specSchema>;
type DeletionPolicy = Spec['deletionPolicy'];

export type SpecResult = { ok: true; spec: Spec } | { ok: false; spec: Spec; problem: string };

const SUBNET_ID = /^subnet-[0-9a-f]{8}([0-9a-f]{9})?$/;

export function parseSpec(tags: TagMap): SpecResult {
  const optedIn = isOptedIn(tags);
  const problems: string[] = [];

  const rawPolicy = tags[OWNER_KEYS.deletionPolicy];
  let deletionPolicy: DeletionPolicy = 'delete';
  if (rawPolicy !== undefined) {
    const policy = rawPolicy.trim().toLowerCase();
    if (policy === 'delete' || policy === 'retain') deletionPolicy = policy;
    else problems.push(`${OWNER_KEYS.deletionPolicy} must be "delete" or "retain", not ${quoted(rawPolicy)}`);
  }

  let subnetIds: string[] | undefined;
  const rawSubnets = tags[OWNER_KEYS.subnets];
  if (rawSubnets !== undefined && rawSubnets.trim() !== '') {
    const ids = [...new Set(rawSubnets.split(/[\s,]+/).filter(Boolean))];
    const bad = ids.filter((id) => !SUBNET_ID.test(id));
    if (bad.length) problems.push(`${OWNER_KEYS.subnets} holds ${bad.map((b) => quoted(b)).join(', ')}, not subnet IDs`);
    else if (!ids.length) problems.push(`${OWNER_KEYS.subnets} is ${quoted(rawSubnets)}, which names no subnet; name subnet IDs or leave it empty for the default`);
    else subnetIds = ids.sort();
  }

  const rawOptIn = tags[OWNER_KEYS.optIn]?.trim();
  const optOutNote = !optedIn && rawOptIn
    ? `NotOptedIn: ${OWNER_KEYS.optIn}=${quoted(rawOptIn)} is not accepted; ${OWNER_KEYS.optIn}=${OPT_IN_VALUE} (any case) opts in, any other value or no tag opts out`
    : undefined;
  const spec: Spec = { optedIn, deletionPolicy, ...(subnetIds ? { subnetIds } : {}), ...(optOutNote ? { optOutNote } : {}) };
  return problems.length ? { ok: false, spec, problem: problems.join('; ') } : { ok: true, spec };
}

/** Ten hex characters identifying the owner keys' values (the spec generation). */
export function generationOf(tags: TagMap): string {
  const canonical = JSON.stringify(Object.values(OWNER_KEYS).map((k) => [k, tags[k] ?? null]));
  return createHash('sha256').update(canonical).digest('hex').slice(0, 10);
}
