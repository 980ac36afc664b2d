import { TAG_VALUE_MAX } from '../tags';
import type { VpcOverlaps } from './overlaps';

/**
 * Render the `egress-proxy:overlaps` tag: the count, then as many peer IDs as fit, then `+N more`
 * for the rest — `0`, `3: vpc-a vpc-b vpc-c`, `1042: vpc-… vpc-… vpc-… +1039 more`.
 * Peer IDs come from `overlapsWith`; without it only the count is written.
 */
export function formatOverlapsTag(vpc: Pick<VpcOverlaps, 'overlapCount' | 'overlapsWith'>, maxLength = TAG_VALUE_MAX): string {
  const count = vpc.overlapCount;
  const ids = (vpc.overlapsWith ?? []).map((peer) => peer.vpcId);
  if (count === 0 || ids.length === 0) return String(count);
  let best = String(count);
  let listed = '';
  for (let k = 1; k <= Math.min(ids.length, count); k++) {
    listed = k === 1 ? ids[0] : `${listed} ${ids[k - 1]}`;
    const rest = count - k;
    const candidate = rest > 0 ? `${count}: ${listed} +${rest} more` : `${count}: ${listed}`;
    if (candidate.length > maxLength) break;
    best = candidate;
  }
  return best;
}
