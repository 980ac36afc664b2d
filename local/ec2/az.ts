/**
 * Availability zones of the local region. AZ names are shuffled per account in AWS while AZ IDs are
 * the same everywhere; the local cloud has one account, so the mapping is fixed: us-east-1a ↔ use1-az1.
 */
const LETTERS = ['a', 'b', 'c', 'd', 'e', 'f'];

export interface AvailabilityZone {
  name: string;
  id: string;
}

const REGION_ID_PREFIX: Record<string, string> = {
  'us-east-1': 'use1',
  'us-east-2': 'use2',
  'us-west-1': 'usw1',
  'us-west-2': 'usw2',
  'eu-west-1': 'euw1',
  'eu-central-1': 'euc1',
};

export function zonesOf(region: string): AvailabilityZone[] {
  const prefix = REGION_ID_PREFIX[region] ?? region.replace(/-/g, '');
  return LETTERS.map((l, i) => ({ name: `${region}${l}`, id: `${prefix}-az${i + 1}` }));
}

/** Resolve an AZ given by name or by ID; undefined when the region has no such zone. */
export function findZone(region: string, nameOrId: string): AvailabilityZone | undefined {
  return zonesOf(region).find((z) => z.name === nameOrId || z.id === nameOrId);
}
