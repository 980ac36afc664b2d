/**
 * The benchmarks' transition count is what AWS bills for Standard workflows: every state entered and
 * every Retry attempt (https://aws.amazon.com/step-functions/pricing/: "each retry will be charged as an
 * additional state transition"), but not the states of Express children (billed per request): the local
 * cloud's counter includes those, so `expressTransitions` says how many to take off.
 */
import { expressTransitions } from '../../bench/lib/sweep-cost';
import { longestPaceMs } from '../../bench/lib/rollout-executions';

const entered = (type: string, name: string, timestamp = 0) => ({ type: `${type}StateEntered`, timestamp, details: { name } });
const exited = (type: string, name: string, timestamp = 0) => ({ type: `${type}StateExited`, timestamp, details: { name } });
const scheduled = (resource: string) => ({ type: 'TaskScheduled', details: { resourceType: 'states', resource } });

test('a Distributed Map child whose StartExecution was throttled twice: 3 states entered and 2 retries are Express, 1 request', () => {
  const history = [
    entered('Task', 'ScanFleet'), entered('Choice', 'Work?'), entered('Choice', 'Starts?'), entered('Map', 'StartReconcilesDistributed'),
    entered('Task', 'StartReconcileExpress'), scheduled('startExecution'), scheduled('startExecution'), scheduled('startExecution'),
    entered('Pass', 'AlreadyStartedExpress'),
    entered('Succeed', 'Done'),
  ];
  expect(expressTransitions(history)).toEqual({ entered: 2, retried: 2, requests: 1 });
});

test('the inline Map\'s StartExecution retries stay Standard transitions', () => {
  const history = [
    entered('Map', 'StartReconciles'), entered('Task', 'StartReconcile'), scheduled('startExecution'), scheduled('startExecution'),
    entered('Succeed', 'Done'),
  ];
  expect(expressTransitions(history)).toEqual({ entered: 0, retried: 0, requests: 0 });
});

test('the longest Pace wait is the longest stay between WaitStateEntered and WaitStateExited of `Pace`', () => {
  expect(longestPaceMs([entered('Task', 'Observe', 5)])).toBeUndefined();
  expect(longestPaceMs([
    entered('Choice', 'Paced?', 0), entered('Wait', 'Pace', 10), exited('Wait', 'Pace', 2510),
    entered('Wait', 'AwaitProvisioning', 3000), exited('Wait', 'AwaitProvisioning', 9000),
  ])).toBe(2500);
});
