/** The VPCs that have a reconcile-vpc execution running now (the sweep leaves those to it). */
import { paginateListExecutions } from '@aws-sdk/client-sfn';
import { sfn } from '../aws-clients';
import { callAws } from './call';
import { vpcOfExecution } from '../names';

export async function runningReconciles(stateMachineArn: string): Promise<Set<string>> {
  const vpcs = new Set<string>();
  await callAws('ListExecutions', async () => {
    for await (const page of paginateListExecutions({ client: sfn, pageSize: 1000 }, { stateMachineArn, statusFilter: 'RUNNING' })) {
      for (const e of page.executions ?? []) {
        const vpc = e.name && vpcOfExecution(e.name);
        if (vpc) vpcs.add(vpc);
      }
    }
  });
  return vpcs;
}
