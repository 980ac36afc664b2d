/**
 * StartExecution calls a workflow makes itself (the sweep's Map, `arn:aws:states:::states:startExecution`)
 * are StartExecution API calls Step Functions makes in the state machine's account and Region: counted
 * in `/_local/stats` like any call and drawn from the same bucket as the dispatcher's and the CLI's
 * (docs/local-cloud.md#request-throttling). A refusal is `ThrottlingException`, which the Task reports
 * as `StepFunctions.ThrottlingException` for a Retry to match.
 */
import type { StartExecutionLimit } from '../sfn/service-task';
import type { RequestThrottle } from './request-throttle';

export interface StartCounters { countApiCall(key: string): void; countThrottled(key: string): void }

export function startExecutionLimit(throttle: Pick<RequestThrottle, 'check'>, stats: StartCounters): StartExecutionLimit {
  return {
    check(account, region) {
      stats.countApiCall('states:StartExecution');
      const decision = throttle.check({ service: 'states', operation: 'StartExecution', account, region });
      if (!decision.throttled) return undefined;
      stats.countThrottled('states:StartExecution');
      return decision.error;
    },
  };
}
