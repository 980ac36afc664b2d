import { startLocalCloud } from '../local/cloud';
import { EC2Client, CreateTagsCommand } from '@aws-sdk/client-ec2';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
(async () => {
  const cloud = await startLocalCloud({ timeScale: 0, endpointPendingMs: 0, seedProjects: 3 });
  const ec2 = new EC2Client({}); const sfn = new SFNClient({});
  await ec2.send(new CreateTagsCommand({ Resources: cloud.projectVpcIds, Tags: [{ Key: 'egress', Value: 'proxy' }] }));
  await cloud.awaitIdle();
  console.log(cloud.ec2State.tagsOf(cloud.projectVpcIds[0]));
  cloud.stats.reset();
  const t0 = Date.now();
  const s = await sfn.send(new StartExecutionCommand({ stateMachineArn: cloud.stateMachineArn('reconcile-fleet'), name: 'sweep-1', input: '{}' }));
  const done = await cloud.stepFunctions.awaitExecution(s.executionArn!);
  await cloud.awaitIdle();
  console.log(Date.now() - t0, done.Status, done.Error, done.Cause, done.Output);
  console.log(JSON.stringify(cloud.stats.snapshot()));
  await cloud.stop();
})();
