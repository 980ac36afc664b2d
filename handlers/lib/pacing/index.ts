export { DEFAULT_LANE_LIMITS, nextSlot, isIdle, assertLaneLimits, type LaneLimits, type LaneState, type Slot } from './slot';
export { laneActionForTags, laneKey, type LaneAction, type LaneScope } from './lane';
export { PacingLanes, notBeforeOf } from './lanes';
export { pacingFromEnv, type PacingConfig } from './config';
export { sweepLaneAction, sweepSlots, type PacedItem } from './sweep';
