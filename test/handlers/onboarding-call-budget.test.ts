/**
 * The AWS calls one onboarding (a VPC tagged egress=proxy, never reconciled) costs, per step and for the
 * whole reconcile-vpc run, counted by the local cloud's server (`cloud.stats`, every call through the real
 * SDK) — docs/design.md#workflows, "What each step reads". A step that starts re-reading fails here.
 * Eventual consistency is off: the budget is the happy path's; the re-reads for lag are pinned by the e2e tests.
 */
import { handler as awaitEndpoint } from '../../handlers/await-endpoint';
import { handler as detectOverlaps } from '../../handlers/detect-overlaps';
import { handler as ensureEndpoint } from '../../handlers/ensure-endpoint';
import { handler as ensureSecurityGroup } from '../../handlers/ensure-security-group';
import { handler as observe } from '../../handlers/observe';
import { handler as publishStatus } from '../../handlers/publish-status';
import { handler as verifyProxy } from '../../handlers/verify-proxy';
import { forgetHub } from '../../handlers/lib/aws/hub';
import type { WorkflowState } from '../../handlers/lib/workflow-state';
import { startLocalCloud, type LocalCloud } from '../../local/cloud';
import { runAsFunction } from '../../local/iam/function-identities';
import { executionsOf, historyOf, settledTags, tagVpc } from '../helpers/local-cloud';

jest.setTimeout(60_000);

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud({ endpointPendingMs: 200, timeScale: 0.01, seedProjects: 3, memberProjects: 2, eventualConsistency: false });
});
afterAll(async () => { await cloud?.stop(); });

/** The calls `fn` makes, by `service:Operation`. */
async function callsOf<T>(fn: () => Promise<T>): Promise<{ result: T; calls: Record<string, number> }> {
  const before = cloud.stats.snapshot().apiCalls;
  const result = await fn();
  const after = cloud.stats.snapshot().apiCalls;
  const calls: Record<string, number> = {};
  for (const [op, n] of Object.entries(after)) if (n !== (before[op] ?? 0)) calls[op] = n - (before[op] ?? 0);
  return { result, calls };
}

/** Tags the VPC in the store itself: no tag event, no call counted (the steps are driven by hand here). */
function optInQuietly(vpcId: string): void {
  cloud.ec2State.vpcs.get(vpcId)!.tags.set('egress', 'proxy');
}

describe('each step of one onboarding, driven by hand', () => {
  const vpcId = () => cloud.projectVpcIds[0];
  const execution = () => `${vpcId()}-budget`;
  let state: WorkflowState;
  /** One step as its Lambda function (its role's identity), on the state so far. */
  const run = async <T>(functionId: string, fn: (input: { state: WorkflowState; execution: string }) => Promise<T>) =>
    callsOf(() => runAsFunction(functionId, () => fn({ state, execution: execution() })));

  beforeAll(() => {
    optInQuietly(vpcId());
    forgetHub();
    state = { vpcId: vpcId(), account: cloud.accountId, region: cloud.region, trigger: 'cli' };
  });

  it('Observe: the VPC and its subnets, plus the hub once per execution environment; no owned listings', async () => {
    const { result, calls } = await run('Observe', observe);
    expect(calls).toEqual({
      'ec2:DescribeVpcs': 1, 'ec2:DescribeSubnets': 2, // the VPC's, and the hub gateway's (not cached yet)
      'vpc-lattice:GetResourceConfiguration': 1, 'vpc-lattice:GetResourceGateway': 1,
    });
    expect(result.listOwned).toBe(false);
    expect(result.endpointSubnetIds).toHaveLength(2);
    state = { ...state, observed: result };
    // Another run in the same environment: the hub comes from the cache.
    const again = await run('Observe', observe);
    expect(again.calls).toEqual({ 'ec2:DescribeVpcs': 1, 'ec2:DescribeSubnets': 1 });
  });

  it('EnsureSecurityGroup: create and authorize, no reads; its result carries the rules', async () => {
    state = { ...state, overlaps: (await run('DetectOverlaps', detectOverlaps)).result };
    const { result, calls } = await run('EnsureSecurityGroup', ensureSecurityGroup);
    expect(calls).toEqual({ 'ec2:CreateSecurityGroup': 1, 'ec2:AuthorizeSecurityGroupIngress': 1 });
    expect(result).toMatchObject({
      created: true, authorized: 1, readIn: execution(),
      rules: [{ protocol: 'tcp', fromPort: cloud.proxy.port, toPort: cloud.proxy.port, cidr: '10.0.0.0/16' }],
    });
    state = { ...state, securityGroup: result };
  });

  it('EnsureEndpoint: the generation check and Progressing note, then the create; it says when to look', async () => {
    const { result, calls } = await run('EnsureEndpoint', ensureEndpoint);
    expect(calls).toEqual({ 'ec2:DescribeVpcs': 1, 'ec2:CreateTags': 1, 'ec2:CreateVpcEndpoint': 1 });
    expect(result).toMatchObject({ created: true, checkAfterSeconds: expect.any(Number) });
    state = { ...state, endpoint: result };
  });

  it('AwaitEndpoint: one listing per look, the association once available, no interfaces when it has a DNS name', async () => {
    let looks = 0;
    for (;;) {
      looks += 1;
      const { result, calls } = await run('AwaitEndpoint', (input) => awaitEndpoint(input).catch((e: Error) => e));
      if (result instanceof Error) {
        expect(result.name).toBe('EndpointNotReady');
        expect(calls).toEqual({ 'ec2:DescribeVpcEndpoints': 1 });
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      expect(calls).toEqual({ 'ec2:DescribeVpcEndpoints': 1, 'ec2:DescribeVpcEndpointAssociations': 1 });
      expect(result.facts).toMatchObject({ readIn: execution(), groupIds: [state.securityGroup!.groupId], subnetIds: expect.any(Array) });
      state = { ...state, endpoint: result };
      break;
    }
    expect(looks).toBeLessThan(50);
  });

  it('VerifyProxy: only the network ACLs (the rest came forward); PublishStatus: read, write, event', async () => {
    const verified = await run('VerifyProxy', verifyProxy);
    expect(verified.calls).toEqual({ 'ec2:DescribeNetworkAcls': 1 });
    expect(verified.result).toMatchObject({ outcome: 'Ok' });
    state = { ...state, verify: verified.result };
    const published = await run('PublishStatus', publishStatus);
    expect(published.calls).toEqual({ 'ec2:DescribeVpcs': 1, 'ec2:CreateTags': 1, 'events:PutEvents': 1 });
    expect(published.result).toMatchObject({ state: 'Ready' });
  });

  it('VerifyProxy with facts from another execution reads them again', async () => {
    const { calls } = await callsOf(() => runAsFunction('VerifyProxy', () => verifyProxy({ state, execution: 'another-execution' })));
    expect(calls).toEqual({
      'ec2:DescribeVpcEndpoints': 1, 'ec2:DescribeVpcEndpointAssociations': 1, 'ec2:DescribeSecurityGroups': 1, 'ec2:DescribeNetworkAcls': 1,
    });
  });

  it('again, now that the VPC is Ready: Observe still lists nothing; EnsureSecurityGroup and EnsureEndpoint list once each and keep what is there', async () => {
    const { groupId } = state.securityGroup!;
    const { endpointId } = state.endpoint!;
    const observed = await run('Observe', observe);
    expect(observed.calls).toEqual({ 'ec2:DescribeVpcs': 1, 'ec2:DescribeSubnets': 1 });
    expect(observed.result.listOwned).toBe(true);
    state = { vpcId: vpcId(), account: cloud.accountId, region: cloud.region, trigger: 'cli', observed: observed.result, overlaps: state.overlaps };
    const group = await run('EnsureSecurityGroup', ensureSecurityGroup);
    expect(group.calls).toEqual({ 'ec2:DescribeSecurityGroups': 1 });
    expect(group.result).toMatchObject({ groupId, created: false, authorized: 0, revoked: 0 });
    state = { ...state, securityGroup: group.result };
    const endpoint = await run('EnsureEndpoint', ensureEndpoint);
    expect(endpoint.calls).toEqual({ 'ec2:DescribeVpcEndpoints': 1 });
    expect(endpoint.result).toMatchObject({ endpointId, created: false, checkAfterSeconds: 0 });
  });
});

it('a member account\'s hub share, once seen usable, is not read again by the next Observe in that account', async () => {
  const member = cloud.memberAccountIds[0];
  const [first, second] = cloud.memberProjectVpcIds[member];
  const ram = (calls: Record<string, number>) => Object.fromEntries(Object.entries(calls).filter(([op]) => op.startsWith('ram:')));
  for (const vpc of [first, second]) cloud.ec2StoreFor(member).vpcs.get(vpc)!.tags.set('egress', 'proxy');
  const observeIn = (vpcId: string) => callsOf(() => runAsFunction('Observe', () =>
    observe({ state: { vpcId, account: member, region: cloud.region, trigger: 'cli' }, execution: `${vpcId}-budget` })));
  expect(ram((await observeIn(first)).calls)).toEqual({ 'ram:GetResourceShareAssociations': 1, 'ram:GetResourceShareInvitations': 1 });
  expect(ram((await observeIn(second)).calls)).toEqual({});
});

describe('a whole reconcile-vpc run started by the tag event', () => {
  it('costs 13 calls of its own with one AwaitEndpoint look (each extra look: one DescribeVpcEndpoints)', async () => {
    // A first onboarding warms what an execution environment keeps: the hub, and the fleet snapshot
    // DetectOverlaps read (kept a minute, FLEET_SNAPSHOT_CACHE_SECONDS), so this run reads neither.
    await tagVpc(cloud.projectVpcIds[1], { egress: 'proxy' });
    await cloud.awaitIdle();
    const vpcId = cloud.projectVpcIds[2];
    const { calls } = await callsOf(async () => {
      await tagVpc(vpcId, { egress: 'proxy' });
      await cloud.awaitIdle();
    });
    await settledTags(vpcId, (t) => expect(t['egress-proxy:state']).toBe('Ready'));
    const [execution] = executionsOf(cloud, vpcId);
    const notReady = (await historyOf(execution.arn)).filter((e) => e.lambdaFunctionFailedEventDetails?.error === 'EndpointNotReady').length;
    const { 'ec2:CreateTags': createTags, 'ec2:DescribeVpcEndpoints': looks, ...rest } = calls;
    expect(createTags).toBe(1 + 2); // the owner's tag, then Progressing and the final status
    expect(looks).toBe(1 + notReady);
    expect(rest).toEqual({
      'states:StartExecution': 1,
      'ec2:DescribeVpcs': 3, 'ec2:DescribeSubnets': 1,
      'ec2:CreateSecurityGroup': 1, 'ec2:AuthorizeSecurityGroupIngress': 1,
      'ec2:CreateVpcEndpoint': 1,
      'ec2:DescribeVpcEndpointAssociations': 1,
      'ec2:DescribeNetworkAcls': 1,
      'events:PutEvents': 1,
    });
    // The reconcile's own steps with one look: 13 (StartExecution, the dispatcher's, is the 14th; a cold
    // DetectOverlaps environment adds its one GetObject).
    const total = Object.values(rest).reduce((a, b) => a + b, 0);
    expect(total - rest['states:StartExecution'] + (createTags - 1) + 1).toBe(13);
  });
});
