/**
 * Finding the operator's two state machines, first source that answers wins, per machine:
 *   1. flags (`--state-machine`, `--fleet-state-machine`) or env (EGRESS_RECONCILE_VPC_ARN, EGRESS_RECONCILE_FLEET_ARN)
 *   2. the operator stack's outputs (stack `EgressOperator`, or EGRESS_OPERATOR_STACK) — skipped against the local cloud
 *   3. ListStateMachines: named `reconcile-vpc` / `reconcile-fleet`, else `<prefix>-reconcile-vpc` / `<prefix>-reconcile-fleet`
 *      (the CDK stack's names, default prefix `egress-operator`), else containing `ReconcileVpc` / `ReconcileFleet`
 * reconcile-vpc is required (else "no operator stack found"); reconcile-fleet is optional.
 */
import { WORKFLOWS } from '../../handlers/catalog';
export interface StateMachineRef { arn: string; source: 'flag' | 'env' | 'stack' | 'list' }

export interface OperatorMachines {
  reconcileVpc: StateMachineRef;
  reconcileFleet?: StateMachineRef;
}

export const STACK_OUTPUTS = { reconcileVpc: 'ReconcileVpcStateMachineArn', reconcileFleet: 'ReconcileFleetStateMachineArn' } as const;
export const ENV_VARS = { reconcileVpc: 'EGRESS_RECONCILE_VPC_ARN', reconcileFleet: 'EGRESS_RECONCILE_FLEET_ARN', stack: 'EGRESS_OPERATOR_STACK' } as const;
export const DEFAULT_STACK = 'EgressOperator';

export interface DiscoveryInput {
  flags: { stateMachine?: string; fleetStateMachine?: string };
  env: NodeJS.ProcessEnv;
  /** Outputs of the named stack; undefined when there is no such stack. */
  stackOutputs(stackName: string): Promise<Record<string, string> | undefined>;
  listStateMachines(): Promise<Array<{ name: string; arn: string }>>;
  /** Against the local cloud (which has no CloudFormation). */
  local: boolean;
}

type Key = 'reconcileVpc' | 'reconcileFleet';

/**
 * The machine a ListStateMachines answer offers for `key`: the exact name first, then a prefixed one
 * (`<prefix>-reconcile-vpc`, as the CDK stack names them), then a generated CDK-style name.
 */
export function pickFromList(machines: Array<{ name: string; arn: string }>, key: Key): string | undefined {
  const exact = WORKFLOWS[key];
  const fragment = key === 'reconcileVpc' ? 'ReconcileVpc' : 'ReconcileFleet';
  return (machines.find((m) => m.name === exact)
    ?? machines.find((m) => m.name.endsWith(`-${exact}`))
    ?? machines.find((m) => m.name.includes(fragment)))?.arn;
}

export const STATE_MACHINE_ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[A-Za-z0-9_-]+$/;

/** A `--state-machine`-style flag or an EGRESS_*_ARN variable that is not a state machine ARN: a usage error. */
export class InvalidStateMachineArn extends Error {
  constructor(readonly where: string, readonly value: string) {
    super(`${where} ${JSON.stringify(value)} is not a state machine ARN (arn:aws:states:REGION:ACCOUNT:stateMachine:NAME)`);
    this.name = 'InvalidStateMachineArn';
  }
}

const FLAG_NAMES: Record<Key, string> = { reconcileVpc: '--state-machine', reconcileFleet: '--fleet-state-machine' };

/** Pure: the ARN given for `key` by flag or env, checked locally (no AWS call decides that it is malformed). */
export function givenArn(key: Key, flags: DiscoveryInput['flags'], env: NodeJS.ProcessEnv): StateMachineRef | undefined {
  const flag = key === 'reconcileVpc' ? flags.stateMachine : flags.fleetStateMachine;
  const given = flag ? { arn: flag, source: 'flag' as const, where: FLAG_NAMES[key] } : env[ENV_VARS[key]] ? { arn: env[ENV_VARS[key]]!, source: 'env' as const, where: ENV_VARS[key] } : undefined;
  if (!given) return undefined;
  if (!STATE_MACHINE_ARN.test(given.arn)) throw new InvalidStateMachineArn(given.where, given.arn);
  return { arn: given.arn, source: given.source };
}

export class NoOperatorFound extends Error {
  constructor(readonly tried: string[]) {
    super(`no operator stack found (tried ${tried.join('; ')}): deploy the operator, or pass --state-machine ARN / set ${ENV_VARS.reconcileVpc}`);
    this.name = 'NoOperatorFound';
  }
}

export async function discoverStateMachines(input: DiscoveryInput): Promise<OperatorMachines> {
  const found: Partial<Record<Key, StateMachineRef>> = {};
  for (const key of ['reconcileVpc', 'reconcileFleet'] as const) {
    const given = givenArn(key, input.flags, input.env);
    if (given) found[key] = given;
  }
  const tried = ['--state-machine', `$${ENV_VARS.reconcileVpc}`];
  const missing = () => (['reconcileVpc', 'reconcileFleet'] as const).filter((k) => !found[k]);

  const stackName = input.env[ENV_VARS.stack] || DEFAULT_STACK;
  if (missing().length && !input.local) {
    tried.push(`CloudFormation stack ${stackName}`);
    const outputs = await input.stackOutputs(stackName);
    for (const key of missing()) if (outputs?.[STACK_OUTPUTS[key]]) found[key] = { arn: outputs[STACK_OUTPUTS[key]], source: 'stack' };
  }
  if (missing().length) {
    tried.push('ListStateMachines');
    const machines = await input.listStateMachines();
    for (const key of missing()) {
      const arn = pickFromList(machines, key);
      if (arn) found[key] = { arn, source: 'list' };
    }
  }
  if (!found.reconcileVpc) throw new NoOperatorFound(tried);
  return { reconcileVpc: found.reconcileVpc, ...(found.reconcileFleet ? { reconcileFleet: found.reconcileFleet } : {}) };
}
