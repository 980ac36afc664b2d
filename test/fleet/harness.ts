/**
 * One local cloud for the fleet-sweep integration tests, plus what they keep doing: run one sweep to
 * the end (and the executions it started), lose tag events on purpose, read a VPC's owned resources.
 */
import {
  DescribeSecurityGroupsCommand, DescribeVpcEndpointsCommand, DescribeVpcsCommand, EC2Client,
} from '@aws-sdk/client-ec2';
import { ListExecutionsCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { WORKFLOWS } from '../../handlers/catalog';
import { ownedFilters, toTagMap, type TagMap } from '../../handlers/lib/tags';
import type { ScanResult } from '../../handlers/scan-fleet';
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from '../../local/cloud';

export interface FleetHarness {
  cloud: LocalCloud;
  ec2: EC2Client;
  sfn: SFNClient;
  /** Runs reconcile-fleet to the end, then waits for everything it started. */
  sweep(opts?: { settleFirst?: boolean }): Promise<{ status: string; scan: ScanResult; executionsStarted: number }>;
  /** Runs `change` while tag events are paused: the events it causes are lost, as AWS may lose them. */
  withoutTagEvents(change: () => Promise<unknown>): Promise<void>;
  tags(vpcId: string): Promise<TagMap>;
  owned(vpcId: string): Promise<{ endpoints: { id: string; state: string }[]; groups: string[] }>;
  reconcileExecutions(vpcId: string): Promise<{ name: string; status: string }[]>;
  stop(): Promise<void>;
}

let sweeps = 0;

export async function startFleetHarness(opts: LocalCloudOptions): Promise<FleetHarness> {
  const cloud = await startLocalCloud(opts);
  const ec2 = new EC2Client({});
  const sfn = new SFNClient({});
  const h: FleetHarness = {
    cloud, ec2, sfn,
    async sweep({ settleFirst = true } = {}) {
      if (settleFirst) await cloud.awaitIdle();
      const before = cloud.stats.snapshot().executions[WORKFLOWS.reconcileVpc] ?? 0;
      const out = await sfn.send(new StartExecutionCommand({
        stateMachineArn: cloud.stateMachineArn(WORKFLOWS.reconcileFleet), name: `test-sweep-${++sweeps}`, input: '{}',
      }));
      const done = await cloud.stepFunctions.awaitExecution(out.executionArn!);
      await cloud.awaitIdle();
      if (done.Status !== 'SUCCEEDED') throw new Error(`sweep ${done.Status}: ${done.Error} ${done.Cause}`);
      const scan = (JSON.parse(String(done.Output)) as { scan: ScanResult }).scan;
      return { status: String(done.Status), scan, executionsStarted: (cloud.stats.snapshot().executions[WORKFLOWS.reconcileVpc] ?? 0) - before };
    },
    async withoutTagEvents(change) {
      await cloud.pauseTagEvents(async () => { await change(); });
      await cloud.awaitIdle();
    },
    async tags(vpcId) {
      const out = await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpcId] }));
      return toTagMap(out.Vpcs?.[0]?.Tags);
    },
    async owned(vpcId) {
      const eps = await ec2.send(new DescribeVpcEndpointsCommand({ Filters: ownedFilters(vpcId) }));
      const sgs = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: ownedFilters(vpcId) }));
      return {
        endpoints: (eps.VpcEndpoints ?? []).map((e) => ({ id: e.VpcEndpointId!, state: e.State! })),
        groups: (sgs.SecurityGroups ?? []).map((g) => g.GroupId!),
      };
    },
    async reconcileExecutions(vpcId) {
      const out = await sfn.send(new ListExecutionsCommand({ stateMachineArn: cloud.stateMachineArn(WORKFLOWS.reconcileVpc), maxResults: 1000 }));
      return (out.executions ?? []).filter((e) => e.name!.startsWith(`${vpcId}-`)).map((e) => ({ name: e.name!, status: e.status! }));
    },
    async stop() {
      ec2.destroy();
      sfn.destroy();
      await cloud.stop();
    },
  };
  return h;
}
