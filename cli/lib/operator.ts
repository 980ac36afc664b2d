/** The operator's state machines, found through AWS (see state-machines.ts for the order). */
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { paginateListStateMachines } from '@aws-sdk/client-sfn';
import type { AwsClients } from './aws-clients';
import { callAws } from './aws-call';
import { discoverStateMachines, type OperatorMachines } from './state-machines';

export interface MachineFlags { stateMachine?: string; fleetStateMachine?: string }

export async function findOperator(clients: AwsClients, flags: MachineFlags, env: NodeJS.ProcessEnv = process.env): Promise<OperatorMachines> {
  return discoverStateMachines({
    flags,
    env,
    local: clients.local,
    stackOutputs: (stackName) => stackOutputs(clients, stackName),
    listStateMachines: () => callAws('ListStateMachines', async () => {
      const out: Array<{ name: string; arn: string }> = [];
      for await (const page of paginateListStateMachines({ client: clients.sfn() }, {})) {
        for (const m of page.stateMachines ?? []) if (m.name && m.stateMachineArn) out.push({ name: m.name, arn: m.stateMachineArn });
      }
      return out;
    }),
  });
}

/** Outputs of a stack; undefined when it does not exist (or cannot be read: ListStateMachines still may find the machines). */
async function stackOutputs(clients: AwsClients, stackName: string): Promise<Record<string, string> | undefined> {
  try {
    const { Stacks } = await clients.cloudFormation().send(new DescribeStacksCommand({ StackName: stackName }));
    const outputs: Record<string, string> = {};
    for (const o of Stacks?.[0]?.Outputs ?? []) if (o.OutputKey && o.OutputValue) outputs[o.OutputKey] = o.OutputValue;
    return outputs;
  } catch (err) {
    const name = (err as Error).name;
    if (name === 'ValidationError' || name === 'AccessDenied' || name === 'AccessDeniedException') return undefined;
    // Credentials, region and network problems are not "no stack": report them as themselves.
    return callAws('DescribeStacks', () => Promise.reject(err));
  }
}
