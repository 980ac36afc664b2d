/**
 * Validation of the `aws.tag` "Tag Change on Resource" event into a reconcile request
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-tagging.html#eb-tag-events).
 * Pure: the dispatcher logs and drops whatever this rejects.
 */
import { z } from 'zod';
import { TAG_EVENT_DETAIL_TYPE, TAG_EVENT_SOURCE } from './event-patterns';
import { executionName } from './names';
import { quoted } from './quote';
import { generationOf } from './spec';
import { OWNER_KEYS } from './tags';
import type { ReconcileRequest } from './workflow-state';

const VPC_ARN = /^arn:aws[a-z-]*:ec2:([a-z0-9-]+):(\d{12}):vpc\/(vpc-[0-9a-f]{8}(?:[0-9a-f]{9})?)$/;

const tagEventSchema = z.object({
  source: z.literal(TAG_EVENT_SOURCE),
  'detail-type': z.literal(TAG_EVENT_DETAIL_TYPE),
  resources: z.array(z.string()).min(1),
  detail: z.object({
    'changed-tag-keys': z.array(z.string()),
    service: z.literal('ec2'),
    'resource-type': z.literal('vpc'),
    version: z.number().int().nonnegative().optional(),
    tags: z.record(z.string(), z.string()),
  }),
});

export type ParsedTagEvent =
  | { ok: true; request: Required<Pick<ReconcileRequest, 'vpcId' | 'account' | 'region' | 'trigger'>>; name: string }
  | { ok: false; reason: string };

export function parseTagEvent(event: unknown): ParsedTagEvent {
  const parsed = tagEventSchema.safeParse(event);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `not a VPC tag-change event: ${issue.path.join('.') || '(event)'}: ${issue.message}` };
  }
  const e = parsed.data;
  const m = VPC_ARN.exec(e.resources[0]);
  if (!m) return { ok: false, reason: `resources[0] is not a VPC ARN: ${quoted(e.resources[0], 120)}` };
  const [, region, account, vpcId] = m;
  const ownerKeys: string[] = Object.values(OWNER_KEYS);
  const changed = e.detail['changed-tag-keys'];
  if (!changed.some((k) => ownerKeys.includes(k))) {
    const which = changed.length ? changed.slice(0, 5).map((k) => quoted(k)).join(', ') + (changed.length > 5 ? ', …' : '') : 'none';
    return { ok: false, reason: `no owner key changed (changed: ${which}; owner keys, case-sensitive: ${ownerKeys.join(', ')}): nothing to do` };
  }
  const generation = generationOf(e.detail.tags);
  // The tag-set version tells two changes apart; without it (it is optional in the schema) the
  // generation alone keeps duplicates of the same change from starting twice.
  const name = executionName(vpcId, generation, 'tag-event', e.detail.version ?? 0);
  return { ok: true, request: { vpcId, account, region, trigger: 'tag-event' }, name };
}
