/**
 * countOverlaps' passes over every VPC that group VPCs by profile (see overlap-counts.ts), each a
 * function of its own (see fleet-entries.ts on why): in one long function, each was optimized mid-loop
 * and then deoptimized at the next, and the CLI counts once, cold.
 */
import { ProfileTable } from './profile-table';

/** VPCs grouped by profile (one-class profiles by class number, found without hashing), and the light class sizes. */
export function groupByProfile(vpcStart: Int32Array, vpcList: Int32Array, vpcCount: number, L: number, maxSubsetClasses: number) {
  const light = new Float64Array(L);
  const heavy: number[] = [];
  const profileOfSingle = new Int32Array(L).fill(-1);
  const table = new ProfileTable(vpcList, vpcCount);
  const profileOf = new Int32Array(vpcCount).fill(-1);
  for (let v = 0; v < vpcCount; v++) {
    const at = vpcStart[v];
    const size = vpcStart[v + 1] - at;
    if (size === 0) continue;
    if (size > maxSubsetClasses) heavy.push(v); else for (let i = at; i < at + size; i++) light[vpcList[i]]++;
    let p: number;
    if (size === 1) {
      p = profileOfSingle[vpcList[at]];
      if (p < 0) p = profileOfSingle[vpcList[at]] = table.numberOf(at, 1);
    } else {
      p = table.numberOf(at, size);
    }
    profileOf[v] = p;
  }
  return { light, heavy, table, profileOf };
}

/** One VPC of each profile over several components not counted by inclusion–exclusion, into `several`. */
export function pickSeveral(profileOf: Int32Array, table: ProfileTable, byInclusion: Uint8Array, several: number[]): void {
  const picked = new Uint8Array(table.count);
  for (let v = 0; v < profileOf.length; v++) {
    const p = profileOf[v];
    if (p < 0 || picked[p] || table.lengthOf(p) < 2 || byInclusion[p] === 1) continue;
    picked[p] = 1;
    several.push(v);
  }
}

/** Counts of VPCs whose profile is counted already, into `counts`; the other VPCs (with classes), ascending. */
export function countsKnown(profileOf: Int32Array, countOfProfile: Float64Array, counts: Float64Array): Int32Array {
  let left = 0;
  const rest = new Int32Array(profileOf.length);
  for (let v = 0; v < profileOf.length; v++) {
    const p = profileOf[v];
    if (p < 0) continue;
    if (countOfProfile[p] >= 0) counts[v] = countOfProfile[p];
    else rest[left++] = v;
  }
  return rest.subarray(0, left);
}
