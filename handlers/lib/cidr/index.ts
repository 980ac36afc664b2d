/** CIDR engine: exact fleet-wide overlap analysis, the overlaps tag, and free-range planning. */
export { ADDRESS_BITS, formatAddress } from './address';
export type { Family } from './address';
export { parseCidr, blocksOverlap, InvalidCidrError } from './block';
export type { CidrBlock } from './block';
export { InvalidVpcCidrError } from './fleet';
export type { FleetColumns, VpcCidrs } from './fleet';
export { analyzeOverlaps, OverlapIndex, DEFAULT_PEER_LIMIT } from './overlaps';
export type { AnalyzeOptions, FleetInput, OverlapPeer, OverlapResult, OverlapSummary, VpcOverlaps } from './overlaps';
export { formatOverlapsTag } from './overlaps-tag';
export { planCidrs, CidrPlanError } from './plan';
export type { PlanRequest } from './plan';
