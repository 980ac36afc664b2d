/**
 * Availability Zones per account and Region. AZ IDs (`use1-az1`) name the same physical zone in every
 * account; in the Regions AWS maps independently, each account sees its own shuffle of AZ names onto
 * those IDs, so `us-east-1a` in one account is usually not `us-east-1a` in another
 * (https://docs.aws.amazon.com/global-infrastructure/latest/regions/az-ids.html). The local cloud
 * derives each account's shuffle from a hash of account and Region: deterministic, different per account.
 */
import { createHash } from 'node:crypto';
import { regionInfo } from '../regions';

const LETTERS = 'abcdefghij';

export interface AvailabilityZone {
  name: string;
  id: string;
}

/** Fisher–Yates driven by a SHA-256 stream of `account/region`: the same order on every run. */
function shuffled<T>(items: T[], seed: string): T[] {
  const out = [...items];
  const bytes = createHash('sha256').update(seed).digest();
  for (let i = out.length - 1; i > 0; i--) {
    const j = bytes.readUInt16BE((2 * i) % (bytes.length - 1)) % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** The zones `accountId` sees in `region`, ordered by name (a, b, c …); empty for an unknown Region. */
export function zonesOf(region: string, accountId: string): AvailabilityZone[] {
  const info = regionInfo(region);
  if (!info) return [];
  const ids = Array.from({ length: info.zoneCount }, (_, i) => `${info.azIdPrefix}-az${i + 1}`);
  const mapped = info.independentlyMappedAzs ? shuffled(ids, `${accountId}/${region}`) : ids;
  return mapped.map((id, i) => ({ name: `${region}${LETTERS[i]}`, id }));
}

/** Resolve an AZ given by name or by ID for that account; undefined when it has no such zone. */
export function findZone(region: string, accountId: string, nameOrId: string): AvailabilityZone | undefined {
  return zonesOf(region, accountId).find((z) => z.name === nameOrId || z.id === nameOrId);
}
