/** What the operator owns for a VPC, read from the exact local EC2 store (the checker and the sampler must not see eventual consistency). */
import type { Ec2Store } from '../local/ec2/store';
import type { EndpointRecord, SecurityGroupRecord } from '../local/ec2/types';

export const MANAGED_BY = 'egress-operator';

export const isOwned = (tags: Map<string, string>, vpcId?: string) =>
  tags.get('egress-proxy:managed-by') === MANAGED_BY && (vpcId === undefined ? tags.has('egress-proxy:owner') : tags.get('egress-proxy:owner') === vpcId);

export interface Owned {
  /** Owned endpoints not yet gone (Deleting included). */
  present: EndpointRecord[];
  /** Owned endpoints that serve or will (neither Deleting nor failed). */
  live: EndpointRecord[];
  groups: SecurityGroupRecord[];
}

const DEAD = new Set(['Deleting', 'Deleted', 'Failed', 'Rejected', 'Expired']);

export function ownedIn(store: Ec2Store, vpcId: string): Owned {
  store.refresh();
  const present = [...store.endpoints.values()].filter((e) => isOwned(e.tags, vpcId));
  return {
    present,
    live: present.filter((e) => !DEAD.has(e.state)),
    groups: [...store.securityGroups.values()].filter((g) => isOwned(g.tags, vpcId)),
  };
}
