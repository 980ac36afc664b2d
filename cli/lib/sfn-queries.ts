/**
 * Step Functions reads the CLI makes: recent executions of the operator's machines, one execution by
 * name or ARN, and a full (paginated) history. Every AWS failure becomes one line (callAws).
 */
import {
  DescribeExecutionCommand, paginateGetExecutionHistory, paginateListExecutions,
  type DescribeExecutionCommandOutput, type ExecutionListItem, type ExecutionStatus, type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { WORKFLOWS, type WorkflowName } from '../../handlers/catalog';
import type { AwsClients } from './aws-clients';
import { callAws } from './aws-call';
import { regionOfArn } from './console-links';
import type { OperatorMachines } from './state-machines';

export interface MachineRef { workflow: WorkflowName; arn: string }

export function machinesOf(op: OperatorMachines): MachineRef[] {
  return [
    { workflow: WORKFLOWS.reconcileVpc, arn: op.reconcileVpc.arn },
    ...(op.reconcileFleet ? [{ workflow: WORKFLOWS.reconcileFleet, arn: op.reconcileFleet.arn }] : []),
  ];
}

export interface ListedExecution extends ExecutionListItem { workflow: MachineRef['workflow'] }

/** Newest first across machines; stops reading a machine once `limit` (after `keep`) are collected from it. */
export async function listExecutions(
  clients: AwsClients, machines: MachineRef[], opts: { status?: ExecutionStatus; limit: number; keep?: (e: ExecutionListItem) => boolean },
): Promise<ListedExecution[]> {
  const all: ListedExecution[] = [];
  for (const m of machines) {
    const sfn = clients.sfn(regionOfArn(m.arn));
    await callAws('ListExecutions', async () => {
      let taken = 0;
      const pages = paginateListExecutions({ client: sfn, pageSize: 100 }, { stateMachineArn: m.arn, statusFilter: opts.status });
      for await (const page of pages) {
        for (const e of page.executions ?? []) {
          if (opts.keep && !opts.keep(e)) continue;
          all.push({ ...e, workflow: m.workflow });
          taken++;
        }
        if (taken >= opts.limit) break;
      }
    });
  }
  const time = (e: ExecutionListItem) => e.startDate?.getTime() ?? 0;
  return all.sort((a, b) => time(b) - time(a)).slice(0, opts.limit);
}

export const EXECUTION_ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:execution:[^:]+:[^:]+$/;

/** DescribeExecution of an ARN, or undefined when it does not exist. */
export async function describeExecution(clients: AwsClients, arn: string): Promise<DescribeExecutionCommandOutput | undefined> {
  try {
    return await clients.sfn(regionOfArn(arn)).send(new DescribeExecutionCommand({ executionArn: arn }));
  } catch (err) {
    if ((err as Error).name === 'ExecutionDoesNotExist') return undefined;
    return callAws('DescribeExecution', () => Promise.reject(err));
  }
}

/** An execution named `name` on one of the machines (names are unique per machine; reconcile-vpc first). */
export async function findExecutionByName(clients: AwsClients, machines: MachineRef[], name: string): Promise<string | undefined> {
  for (const m of machines) {
    // Execution ARNs are derived from the machine's: try the direct ARN before listing anything.
    const arn = m.arn.replace(':stateMachine:', ':execution:') + `:${name}`;
    if (await describeExecution(clients, arn)) return arn;
  }
  return undefined;
}

export async function executionHistory(clients: AwsClients, arn: string): Promise<HistoryEvent[]> {
  return callAws('GetExecutionHistory', async () => {
    const events: HistoryEvent[] = [];
    const pages = paginateGetExecutionHistory({ client: clients.sfn(regionOfArn(arn)), pageSize: 1000 }, { executionArn: arn, includeExecutionData: false });
    for await (const page of pages) events.push(...(page.events ?? []));
    return events;
  });
}
