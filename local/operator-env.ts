/**
 * The environment the operator's handlers see in the local cloud, as the Operator stack sets it on the
 * deployed functions: the hub, the workflows, the fleet targets and member role, the snapshot bucket.
 * Two settings follow the local cloud's timing instead: AwaitProvisioning waits the local endpoint's
 * pending time (its SecondsPath Wait runs unscaled, local/sfn/timing.ts, like endpointPendingMs), and the
 * pacing lanes, which run in the handlers' (wall-clock) time while AWS time runs 1/timeScale as fast, get
 * the documented rate per AWS second as rate / timeScale per wall second (docs/design.md#workflows,
 * "Pacing"); at scale 0 (no AWS pauses at all) the lanes keep their default.
 */
import { ENV } from '../handlers/catalog';
import { DEFAULT_LANE_LIMITS } from '../handlers/lib/pacing/slot';
import { LOCAL_MEMBER_EXTERNAL_ID, MEMBER_ROLE_NAME } from './accounts';
import { FLEET_SNAPSHOT_BUCKET_ENV } from './s3';

export interface LocalOperatorSettings {
  resourceConfigurationArn: string;
  proxyCheckTarget: string;
  reconcileStateMachineArn: string;
  operatorAccountId: string;
  fleetTargets: string[];
  snapshotBucket: string;
  timeScale: number;
  endpointPendingMs: number;
}

export function applyOperatorEnv(s: LocalOperatorSettings, env: NodeJS.ProcessEnv = process.env): void {
  Object.assign(env, {
    [ENV.resourceConfigurationArn]: s.resourceConfigurationArn,
    [ENV.proxyCheckTarget]: s.proxyCheckTarget,
    [ENV.reconcileStateMachineArn]: s.reconcileStateMachineArn,
    [ENV.operatorAccountId]: s.operatorAccountId,
    [ENV.fleetTargets]: s.fleetTargets.join(','),
    [ENV.memberRoleName]: MEMBER_ROLE_NAME,
    [ENV.memberExternalId]: LOCAL_MEMBER_EXTERNAL_ID,
    [FLEET_SNAPSHOT_BUCKET_ENV]: s.snapshotBucket,
    [ENV.endpointProvisioningSeconds]: String(Math.round(s.endpointPendingMs / 1000)),
  });
  if (s.timeScale > 0) env[ENV.rolloutPacingRate] = String(DEFAULT_LANE_LIMITS.ratePerSecond / s.timeScale);
  else delete env[ENV.rolloutPacingRate];
}
