/**
 * Exit codes of the fleet commands (status, executions, history, reconcile, cost), one meaning each,
 * so scripts can branch on them. 1 and 2 are errors.ts's; 3 separates "cannot even ask" from both.
 *   0 ok (reconcile: the VPC is Ready)
 *   1 it ran, but the outcome is not good (reconcile: not Ready) or AWS failed at runtime
 *   2 usage: bad flags or arguments, unknown VPC or execution
 *   3 environment: no credentials or region, no operator stack found, AWS or the local cloud unreachable
 *   130 interrupted (SIGINT) while following a reconcile (the execution keeps running)
 */
import { EXIT_FAILURE, EXIT_USAGE } from './errors';

export const EXIT = {
  ok: 0,
  failure: EXIT_FAILURE,
  usage: EXIT_USAGE,
  environment: 3,
  interrupted: 130,
} as const;
