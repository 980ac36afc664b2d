/**
 * Samples, while the campaign runs, how many live owned endpoints each VPC has: the operator may hold
 * two for a moment (a replacement's successor before the old one retires), never more.
 */
import type { Ec2Store } from '../local/ec2/store';
import { isOwned } from './owned';

const DEAD = new Set(['Deleting', 'Deleted', 'Failed', 'Rejected', 'Expired']);

export interface Sampler {
  /** The most live owned endpoints seen at once, by owner VPC. */
  readonly peaks: Map<string, number>;
  /** At each VPC's peak: the endpoints (ID, state, subnets) and when. */
  readonly peakDetail: Map<string, string>;
  readonly samples: number;
  stop(): void;
}

export function startSampler(store: Ec2Store, everyMs = 50): Sampler {
  const peaks = new Map<string, number>();
  const peakDetail = new Map<string, string>();
  let samples = 0;
  const sample = () => {
    store.refresh();
    const now = new Map<string, string[]>();
    for (const e of store.endpoints.values()) {
      if (DEAD.has(e.state) || !isOwned(e.tags)) continue;
      const owner = e.tags.get('egress-proxy:owner')!;
      now.set(owner, [...(now.get(owner) ?? []), `${e.id} ${e.state} [${e.subnetIds.join(' ')}] sg ${e.securityGroupIds.join(' ')}`]);
    }
    for (const [owner, list] of now) {
      if (list.length <= (peaks.get(owner) ?? 0)) continue;
      peaks.set(owner, list.length);
      peakDetail.set(owner, `${new Date().toISOString()}: ${list.join('; ')}`);
    }
    samples += 1;
  };
  const timer = setInterval(sample, everyMs);
  timer.unref();
  return { peaks, peakDetail, get samples() { return samples; }, stop: () => { clearInterval(timer); sample(); } };
}
