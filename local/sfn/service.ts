/**
 * The local Step Functions service: AWS JSON 1.0 (`X-Amz-Target: AWSStepFunctions.<Operation>`),
 * running the workflows in statemachines/ in-process with aws-local-stepfunctions.
 */
import { LAMBDAS } from '../../handlers/catalog';
import type { LocalService, ServiceContext } from '../service';
import { Executions } from './executions';
import { ApiError, jsonError, jsonOk, parseBody, targetOperation } from './json-wire';
import type { TaskHandler } from './lib-types';
import { buildMachines, DEFAULT_DIRS, type CatalogLambda, type Machine } from './machines';
import { operations } from './operations';

export interface StepFunctionsOptions {
  /** Multiplies Retry pauses and Wait states: 1 = real time, 0.01 = 100× faster, 0 = none. Default 1. */
  timeScale?: number;
  /** Directory of `*.asl.json` workflows. Default: the repository's statemachines/. */
  stateMachineDir?: string;
  /** Lambda catalog binding placeholders to handler modules. Default: handlers/catalog.ts `LAMBDAS`. */
  lambdas?: readonly CatalogLambda[];
  /** Directory the catalog's files are relative to. Default: the repository's handlers/. */
  handlersDir?: string;
  /** Extra or overriding `${Name}` substitutions. */
  bindings?: Record<string, string>;
  /** Task handlers by state name; they take precedence over Lambda and integration bindings. */
  extraTaskHandlers?: Record<string, TaskHandler>;
  /**
   * False for an account and Region where the operator is not deployed: the service answers with no
   * state machines at all (default true: the workflows of statemachines/).
   */
  deployed?: boolean;
}

export interface StepFunctionsService extends LocalService {
  /** Resolves when the execution has closed, with its DescribeExecution fields (PascalCase). */
  awaitExecution(executionArn: string): Promise<Record<string, unknown>>;
  /** Resolves when no execution is running any more. */
  awaitIdle(): Promise<void>;
  readonly machines: ReadonlyMap<string, Machine>;
  readonly executions: Executions;
}

const PREFIX = 'AWSStepFunctions';

export function createStepFunctionsService(ctx: ServiceContext, opts: StepFunctionsOptions = {}): StepFunctionsService {
  if (!(Promise as unknown as { withResolvers?: unknown }).withResolvers) require('../polyfills');
  const machines = opts.deployed === false ? new Map<string, Machine>() : buildMachines({
    scope: ctx,
    stateMachineDir: opts.stateMachineDir ?? DEFAULT_DIRS.stateMachineDir,
    handlersDir: opts.handlersDir ?? DEFAULT_DIRS.handlersDir,
    lambdas: opts.lambdas ?? LAMBDAS,
    bindings: opts.bindings ?? {},
    extraTaskHandlers: opts.extraTaskHandlers ?? {},
    timeScale: opts.timeScale ?? 1,
  });
  const executions = new Executions(ctx, machines);
  const ops = operations(executions, machines);
  const error = (status: number, code: string, message: string) => jsonError('1.0', status, code, message);

  return {
    name: 'states',
    machines,
    executions,
    // Only implemented operations are "known": the server counts the others apart as unknown.
    operationOf: (req) => {
      const op = targetOperation(req.headers, PREFIX);
      return op && Object.hasOwn(ops, op) ? op : undefined;
    },
    error,
    awaitExecution: (arn) => executions.awaitExecution(arn),
    awaitIdle: () => executions.awaitIdle(),
    async handle(req) {
      const op = ops[req.operation];
      if (!op) return error(400, 'UnknownOperationException', `Unknown operation ${req.operation}`);
      try {
        return jsonOk('1.0', await op(parseBody(req.body)));
      } catch (e) {
        if (e instanceof ApiError) return error(e.status, e.code, e.message);
        return error(500, 'InternalFailure', (e as Error).message ?? String(e));
      }
    },
  };
}
