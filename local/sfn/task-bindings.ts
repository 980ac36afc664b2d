/**
 * Which local code runs each Task state. Decided once per definition at load time, so a Task that
 * nothing can run (it would fall through to a real AWS Lambda call) stops the local cloud at start,
 * naming the file and the state. Bound by state name, as aws-local-stepfunctions overrides are.
 */
import type { LoadedDefinition } from './definitions';
import type { ExecutionHistory, TaskKind } from './history';
import { lambdaTask } from './lambda-task';
import type { TaskHandler } from './lib-types';
import { recordedTask, startExecutionMode, startExecutionTask, type ExecutionStarter } from './service-task';
import { allStates } from './timing';

export interface LambdaModule { functionName: string; modulePath: string }

export interface BindingConfig {
  /** Lambda function ARN (after substitution) → the module that implements it. */
  lambdaModules: Map<string, LambdaModule>;
  /** Handlers by state name; they win over any other binding (tests, demos). */
  extraTaskHandlers: Record<string, TaskHandler>;
}

export type TaskBinding =
  | { kind: 'lambda'; resource: string; module: LambdaModule; timeoutSeconds: number }
  | { kind: 'startExecution'; resource: string; mode: 'start' | 'sync' | 'sync2' }
  | { kind: 'extra'; resource: string; handler: TaskHandler };

const DEFAULT_TASK_TIMEOUT_SECONDS = 60; // aws-local-stepfunctions' default, not AWS's (which has none)

export function bindTasks(loaded: LoadedDefinition, config: BindingConfig): Record<string, TaskBinding> {
  const out: Record<string, TaskBinding> = {};
  for (const [name, state] of allStates(loaded.definition as unknown as Record<string, unknown>)) {
    if (state.Type !== 'Task') continue;
    const resource = String(state.Resource);
    const extra = config.extraTaskHandlers[name];
    const module = config.lambdaModules.get(resource);
    const mode = startExecutionMode(resource);
    if (extra) out[name] = { kind: 'extra', resource, handler: extra };
    else if (module) {
      const timeoutSeconds = typeof state.TimeoutSeconds === 'number' ? state.TimeoutSeconds : DEFAULT_TASK_TIMEOUT_SECONDS;
      out[name] = { kind: 'lambda', resource, module, timeoutSeconds };
    } else if (mode) out[name] = { kind: 'startExecution', resource, mode };
    else throw new Error(`${loaded.file}: Task state '${name}' has resource '${resource}', which no local handler implements`);
  }
  return out;
}

export function taskKinds(bindings: Record<string, TaskBinding>): Record<string, TaskKind> {
  return Object.fromEntries(Object.entries(bindings).map(([name, b]) => [name, b.kind === 'lambda' ? 'lambda' : 'task']));
}

/** The `taskResourceLocalHandlers` of one execution, recording into its history. */
export function taskOverrides(
  bindings: Record<string, TaskBinding>, history: ExecutionHistory, starter: ExecutionStarter, region: string,
): Record<string, TaskHandler> {
  const out: Record<string, TaskHandler> = {};
  for (const [name, b] of Object.entries(bindings)) {
    if (b.kind === 'lambda') {
      out[name] = lambdaTask({ ...b.module, arn: b.resource, timeoutSeconds: b.timeoutSeconds, stateName: name }, history);
    } else if (b.kind === 'startExecution') {
      out[name] = recordedTask(b.resource, startExecutionTask(b.mode, starter), history, region);
    } else {
      out[name] = recordedTask(b.resource, b.handler, history, region);
    }
  }
  return out;
}
