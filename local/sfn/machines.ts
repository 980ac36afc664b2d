/**
 * The local state machines: each workflow file bound to its placeholders, its task handlers and the
 * time scale, ready to run. Built once when the service starts.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { StateMachine } from 'aws-local-stepfunctions';
import { STATE_MACHINES, type LambdaEntry } from '../../handlers/catalog';
import { lambdaArn, stateMachineArn, type Scope } from './arns';
import { loadDefinitions } from './definitions';
import type { TaskKind } from './history';
import type { TaskHandler } from './lib-types';
import { bindTasks, taskKinds, type LambdaModule, type TaskBinding } from './task-bindings';
import { scaleRetries, waitOverrides } from './timing';

export interface Machine {
  name: string;
  arn: string;
  file: string;
  /** Definition text after substitution. */
  text: string;
  createdAt: number;
  runner: StateMachine;
  bindings: Record<string, TaskBinding>;
  taskKinds: Record<string, TaskKind>;
  waitTimeOverrides: Record<string, number>;
}

/** What the runner needs of a catalog entry. */
export type CatalogLambda = Pick<LambdaEntry, 'id' | 'file' | 'placeholder'>;

export interface MachineOptions {
  scope: Scope;
  stateMachineDir: string;
  /** Lambda catalog (handlers/catalog.ts `LAMBDAS` by default). */
  lambdas: readonly CatalogLambda[];
  /** Directory the catalog's `file` entries are relative to. */
  handlersDir: string;
  /** Extra `${Name}` bindings (win over the generated ones). */
  bindings: Record<string, string>;
  extraTaskHandlers: Record<string, TaskHandler>;
  timeScale: number;
}

/**
 * Placeholder bindings like the CDK stack fills them: each Lambda's ARN (function name = catalog id)
 * and each state machine's ARN (placeholder = PascalCase name + `StateMachineArn`).
 */
export function catalogBindings(opts: Pick<MachineOptions, 'scope' | 'lambdas' | 'handlersDir'>, machineNames: string[]) {
  const bindings: Record<string, string> = {};
  const lambdaModules = new Map<string, LambdaModule>();
  for (const l of opts.lambdas) {
    const arn = lambdaArn(opts.scope, l.id);
    if (l.placeholder) bindings[l.placeholder] = arn;
    lambdaModules.set(arn, { functionName: l.id, modulePath: resolve(opts.handlersDir, l.file) });
  }
  for (const name of machineNames) bindings[`${pascal(name)}StateMachineArn`] = stateMachineArn(opts.scope, name);
  for (const sm of STATE_MACHINES) bindings[sm.placeholder] = stateMachineArn(opts.scope, sm.name);
  return { bindings, lambdaModules };
}

const pascal = (name: string) => name.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');

export function buildMachines(opts: MachineOptions): Map<string, Machine> {
  const names = listMachineNames(opts.stateMachineDir);
  const generated = catalogBindings(opts, names);
  const defs = loadDefinitions(opts.stateMachineDir, { ...generated.bindings, ...opts.bindings });
  const machines = new Map<string, Machine>();
  for (const def of defs) {
    const bindings = bindTasks(def, { lambdaModules: generated.lambdaModules, extraTaskHandlers: opts.extraTaskHandlers });
    // Already validated (on a clone) by loadDefinitions; the library's own validation would mutate it.
    const runner = new StateMachine(scaleRetries(def.definition, opts.timeScale), { validationOptions: { noValidate: true } });
    machines.set(def.name, {
      name: def.name, arn: stateMachineArn(opts.scope, def.name), file: def.file, text: def.text, createdAt: Date.now(),
      runner, bindings, taskKinds: taskKinds(bindings), waitTimeOverrides: waitOverrides(def.definition, opts.timeScale),
    });
  }
  return machines;
}

function listMachineNames(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.asl.json')).map((f) => f.slice(0, -'.asl.json'.length));
}

export const DEFAULT_DIRS = {
  stateMachineDir: join(__dirname, '..', '..', 'statemachines'),
  handlersDir: join(__dirname, '..', '..', 'handlers'),
};
