/**
 * Types aws-local-stepfunctions uses but does not export, derived from what it does export.
 */
import type { StateMachine, RunOptions } from 'aws-local-stepfunctions';

type Run = ReturnType<StateMachine['run']>;
/** One entry of `execution.eventLogs`. */
export type EventLog = Run['eventLogs'] extends AsyncGenerator<infer T> ? T : never;
/** Any JSON value, as task handlers take and return it. */
export type JSONValue = Parameters<StateMachine['run']>[0];
type Overrides = NonNullable<RunOptions['overrides']>;
/** A local Task implementation, bound by state name. */
export type TaskHandler = NonNullable<Overrides['taskResourceLocalHandlers']>[string];
