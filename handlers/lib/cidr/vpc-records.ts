import { CLASS_INFO } from './component-pair-buckets';

/**
 * What the component-pair count reads and writes per VPC, side by side: 6 int32 per VPC, padded to 8,
 * so two VPCs share a cache line and none straddles two. Gathering a group meets its VPCs in sweep
 * order, i.e. scattered over the whole fleet; with one record per VPC that is one cache miss each,
 * not one per array. (Its class list's bounds are read from vpcClassStart, see ComponentPairSides.)
 */
export const RECORD = 8;
/** The group (component I's live rank) the VPC was last gathered in, and where its member numbers wait there (ComponentPairSides). */
export const GROUP = 0;
export const SCRATCH = 1;
/** Its live components as bits (rank mod 64), low and high 32. */
export const MASK_LO = 2;
export const MASK_HI = 3;
/** 1 when its count is wanted. */
export const WANTED = 4;
/** Σ over u of (m(v, u) − 1), once counted. */
export const EXCESS = 5;

/** Records for every VPC from its class list (live ranks in classInfo, see ComponentPairBuckets) and the wanted ones. */
export function vpcRecords(vpcClassStart: Int32Array, classInfo: Int32Array, wanted: readonly number[]): Int32Array {
  const vpcs = vpcClassStart.length - 1;
  const records = new Int32Array(RECORD * vpcs);
  for (let v = 0; v < vpcs; v++) {
    const at = RECORD * v;
    records[at + GROUP] = -1;
    for (let i = vpcClassStart[v]; i < vpcClassStart[v + 1]; i++) {
      const bit = classInfo[CLASS_INFO * i] & 63;
      if (bit < 32) records[at + MASK_LO] |= 1 << bit; else records[at + MASK_HI] |= 1 << (bit - 32);
    }
  }
  for (const v of wanted) records[RECORD * v + WANTED] = 1;
  return records;
}
