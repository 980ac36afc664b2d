/**
 * What a `"dryRun": true` reconcile-vpc run would have done, read from its output (the workflow state
 * each step extends, see docs/design.md#workflows): every step plans and returns its plan instead of
 * acting. Pure.
 */
import { wrapWords } from './fit';

export interface PlannedChange {
  /** What it acts on. */
  resource: 'security-group' | 'ingress-rule' | 'endpoint' | 'status';
  action: 'create' | 'keep' | 'delete' | 'authorize' | 'revoke' | 'retain';
  /** The resource ID when it exists already. */
  id: string | null;
  detail: string;
}

export interface DryRunPlan {
  /** Observe's verdict: present (opted in) or absent (finalize); null when the run stopped before. */
  desired: 'present' | 'absent' | null;
  changes: PlannedChange[];
  /** `egress-proxy:overlaps` as DetectOverlaps computed it. */
  overlaps: string | null;
}

interface Rule { protocol?: string; fromPort?: number; toPort?: number; cidr?: string }
interface DryRunOutput {
  observed?: { desired?: 'present' | 'absent'; spec?: { deletionPolicy?: string } };
  overlaps?: { tag?: string };
  securityGroup?: { groupId?: string; plan?: { authorize?: Rule[]; revoke?: Rule[] } };
  endpoint?: { plan?: { keep?: string; create?: boolean; delete?: string[]; reasons?: Record<string, string> } };
  finalized?: { plan?: { endpoints?: Array<{ id: string; state?: string }>; groups?: Array<{ GroupId?: string }> } };
}

const ruleText = (r: Rule) => `${r.protocol ?? 'tcp'} ${r.fromPort === r.toPort ? r.fromPort : `${r.fromPort}-${r.toPort}`} from ${r.cidr}`;

export function dryRunPlan(output: unknown): DryRunPlan {
  const o = (output ?? {}) as DryRunOutput;
  const changes: PlannedChange[] = [];
  const sg = o.securityGroup;
  if (sg?.groupId) {
    const exists = sg.groupId.startsWith('sg-');
    changes.push({ resource: 'security-group', action: exists ? 'keep' : 'create', id: exists ? sg.groupId : null, detail: exists ? 'owned security group' : 'owned security group for the endpoint' });
    for (const r of sg.plan?.authorize ?? []) changes.push({ resource: 'ingress-rule', action: 'authorize', id: exists ? sg.groupId : null, detail: ruleText(r) });
    for (const r of sg.plan?.revoke ?? []) changes.push({ resource: 'ingress-rule', action: 'revoke', id: sg.groupId, detail: ruleText(r) });
  }
  const ep = o.endpoint?.plan;
  if (ep) {
    if (ep.create) changes.push({ resource: 'endpoint', action: 'create', id: null, detail: 'resource endpoint to the hub\'s resource configuration' });
    if (ep.keep) changes.push({ resource: 'endpoint', action: 'keep', id: ep.keep, detail: 'matches the spec' });
    for (const id of ep.delete ?? []) changes.push({ resource: 'endpoint', action: 'delete', id, detail: ep.reasons?.[id] ?? 'not wanted' });
  }
  const fin = o.finalized?.plan;
  if (fin) {
    const action = o.observed?.spec?.deletionPolicy === 'retain' ? 'retain' : 'delete';
    for (const e of fin.endpoints ?? []) changes.push({ resource: 'endpoint', action, id: e.id, detail: `opted out (${e.state ?? 'unknown state'})` });
    for (const g of fin.groups ?? []) changes.push({ resource: 'security-group', action, id: g.GroupId ?? null, detail: 'opted out' });
    changes.push({ resource: 'status', action: 'delete', id: null, detail: 'the egress-proxy status tags (finalizer)' });
  }
  return { desired: o.observed?.desired ?? null, changes, overlaps: o.overlaps?.tag ?? null };
}

/** `width`: wrap the overlaps line to it; undefined: one line. */
export function renderDryRunPlan(plan: DryRunPlan, width?: number): string {
  const lines = [`Plan      ${plan.desired === 'absent' ? 'opted out: finalize' : plan.desired === 'present' ? 'opted in: converge' : 'stopped before planning'} (dry run: nothing was changed)`];
  if (plan.overlaps) lines.push(wrapWords(`Overlaps  ${plan.overlaps}`, width, ' '.repeat(10)));
  if (plan.changes.length === 0) lines.push('          nothing to change');
  for (const c of plan.changes) lines.push(`          ${c.action.padEnd(9)} ${c.resource}${c.id ? ` ${c.id}` : ''}: ${c.detail}`);
  return lines.join('\n');
}
