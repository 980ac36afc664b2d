/**
 * PublishStatus ends every reconcile-vpc run: a failed status is written first, then the step throws
 * `ReconcileFailed` (the workflow's Catch ends the run in its Fail state); a successful or skipped one
 * returns its summary, which becomes the execution's output.
 */
import { handler as publishStatus } from '../../handlers/publish-status';
import type { WorkflowState } from '../../handlers/lib/workflow-state';
import { startLocalCloud, type LocalCloud } from '../../local/cloud';
import { runAsFunction } from '../../local/iam/function-identities';

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud({ endpointPendingMs: 50, timeScale: 0.01, seedProjects: 2, memberProjects: 0, eventualConsistency: false });
});
afterAll(async () => { await cloud?.stop(); });

const publish = (state: WorkflowState, execution = 'publish-status-test') =>
  runAsFunction('PublishStatus', () => publishStatus({ state, execution }));
const tagsOf = (vpcId: string) => Object.fromEntries(cloud.ec2State.vpcs.get(vpcId)!.tags);

test('a failed run: the Error status is written, then ReconcileFailed says what was written', async () => {
  const vpcId = cloud.projectVpcIds[0];
  cloud.ec2State.vpcs.get(vpcId)!.tags.set('egress', 'proxy');
  const state = { vpcId, account: cloud.accountId, region: cloud.region, trigger: 'cli', error: { Error: 'InvalidSpec', Cause: 'egress:subnets: subnet-1 is not in this VPC' } } as WorkflowState;
  const err = await publish(state).catch((e) => e);
  expect(err).toMatchObject({ name: 'ReconcileFailed' });
  expect(err.message).toBe("the reconcile ended Error: InvalidSpec: egress:subnets: subnet-1 is not in this VPC (status written to the VPC's tags)");
  expect(tagsOf(vpcId)).toMatchObject({ 'egress-proxy:state': 'Error', 'egress-proxy:reason': 'InvalidSpec: egress:subnets: subnet-1 is not in this VPC' });
});

test('a dry run that would fail writes nothing and still fails the run', async () => {
  const vpcId = cloud.projectVpcIds[1];
  const before = tagsOf(vpcId);
  const state = { vpcId, account: cloud.accountId, region: cloud.region, dryRun: true, error: { Error: 'HubUnavailable', Cause: 'no resource configuration' } } as WorkflowState;
  await expect(publish(state)).rejects.toMatchObject({ name: 'ReconcileFailed', message: 'dry run: the reconcile would fail: HubUnavailable: no resource configuration' });
  expect(tagsOf(vpcId)).toEqual(before);
});

test('a run that found its VPC gone ends without failing', async () => {
  const state = { vpcId: 'vpc-0000000000000dead', account: cloud.accountId, region: cloud.region, error: { Error: 'VpcGone', Cause: 'vpc-0000000000000dead does not exist' } } as WorkflowState;
  await expect(publish(state)).resolves.toMatchObject({ failed: false, written: [] });
});
