/**
 * The local cloud, assembled: one loopback server speaking EC2, VPC Lattice, Step Functions,
 * EventBridge and RAM for every account and Region (docs/local-cloud.md); a seeded hub in the operator
 * account whose resource configuration points at a real (or stand-in) proxy and is shared through RAM
 * with the member accounts; member accounts with project VPCs and the Member stack's tag-event
 * forwarding; the workflows run from statemachines/ with the real handlers, configured for the member
 * accounts exactly as deployed (FLEET_TARGETS, MEMBER_ROLE_NAME, MEMBER_EXTERNAL_ID). It sets this
 * process's AWS environment so the in-process handlers reach it through the SDK. One local cloud per process.
 */
import './polyfills';
import { DISPATCHER, ENV } from '../handlers/catalog';
import { TAG_CHANGE_PATTERN } from '../handlers/lib/event-patterns';
import { applyOperatorEnv } from './operator-env';
import { LOCAL_MEMBER_EXTERNAL_ID, MEMBER_ACCOUNTS, OPERATOR_ACCOUNT } from './accounts';
import { EventBuses, OPERATOR_BUS_NAME } from './accounts-events';
import { createRegionalServices } from './accounts-services';
import { startCheckTarget } from './check-target';
import type { Ec2Store } from './ec2/store';
import type { EventBus } from './events/bus';
import { startFaultInjection, type FaultInjection } from './faults-setup';
import { deferredIam, startLocalIam, type IamMode, type LocalIam } from './iam/local-iam';
import { Principals } from './iam/principals';
import { runAsFunction } from './iam/function-identities';
import type { LatticeStore } from './lattice/store';
import { createLocalProxy, type LocalProxy } from './local-proxy';
import { createRamService } from './ram/service';
import { RamStore } from './ram/store';
import { seedHub, seedProjects, type HubSeed } from './seed';
import { localOrganization, seedHubShare, seedMemberProjects, type HubShareMode } from './seed-accounts';
import { startLocalServer } from './server';
import type { StepFunctionsService } from './sfn/service';
import { createStats, type Stats } from './stats';
import { consistencyFor, type ConsistencyOption, type EventualConsistency } from './consistency';
import { AsyncInvokeQueue, LambdaConcurrency, LAMBDA_DEFAULT_CONCURRENCY, RequestThrottle, startExecutionLimit } from './throttle';
import { useLambdaConcurrency } from './sfn/lambda-task';
import { useStartExecutionLimit } from './sfn/service-task';
import { createS3Service, seedSnapshotBucket, S3Store } from './s3';
import { createCloudFormationService, type LocalStack } from './cloudformation/service';
import { localStacks } from './cloudformation/stacks';

export interface LocalCloudOptions {
  /** Listen port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** How long a new resource endpoint stays Pending (default 2000 ms). */
  endpointPendingMs?: number;
  /** How long a deleted endpoint stays Deleting (default: endpointPendingMs). */
  endpointDeletingMs?: number;
  /** Multiplies Retry pauses and Wait states (1 = AWS timing; default 0.05). */
  timeScale?: number;
  /** Which proxy stands behind the hub (default auto: Squid when installed). */
  proxy?: 'auto' | 'squid' | 'stand-in';
  /** Project VPCs to seed in the operator account (all 10.0.0.0/16, two subnets each; default 3). */
  seedProjects?: number;
  /** Member accounts the operator serves (default: local/accounts.ts MEMBER_ACCOUNTS; [] for one account). */
  memberAccounts?: string[];
  /** Project VPCs per member account (10.0.0.0/16, a subnet in every AZ name; default 2). */
  memberProjects?: number;
  /** How the hub shares its resource configuration (default `organization`: usable at once). */
  hubShare?: HubShareMode;
  /** Start the fleet sweep every N seconds (0 = off, the default). */
  sweepIntervalSeconds?: number;
  /**
   * IAM (docs/local-cloud.md#iam): `enforce` (default) evaluates every call made as a role against the
   * policies of the synthesized CDK app; `off` allows every call (roles, STS and trust policies stay).
   */
  iam?: IamMode;
  /** A custom domain name on the hub's resource configuration (private DNS for every endpoint). */
  customDomainName?: string;
  /**
   * Eventual consistency of EC2 reads (docs/local-cloud.md#eventual-consistency): true (new seed), a
   * seed, or options. Default: off, unless LOCAL_EVENTUAL_CONSISTENCY=SEED|true is set.
   */
  eventualConsistency?: ConsistencyOption;
  /**
   * The documented default request-rate limits (docs/local-cloud.md#request-throttling): EC2 token
   * buckets and Step Functions StartExecution per account and Region, and Lambda concurrency for the
   * workflows' Task states. Default off (`npm start` turns it on).
   */
  throttling?: boolean;
  /** The clock (ms) request buckets refill by (default Date.now): a benchmark running AWS time faster passes a faster one. */
  throttleClock?: () => number;
  /** Lambda concurrent executions per account and Region when throttling is on (default 1,000, the AWS default quota). */
  lambdaConcurrency?: number;
}

export interface LocalCloud extends Pick<FaultInjection, 'faults' | 'taskFaults' | 'eventFaults' | 'clock'> {
  url: string;
  /** The hub/operator account. */
  accountId: string;
  /** The member accounts the operator is configured for (FLEET_TARGETS), in seeding order. */
  memberAccountIds: string[];
  /** The operator's home Region (where the hub and the workflows are). */
  region: string;
  /** What a subprocess (CLI, another SDK client) needs in its environment to use this cloud as the operator account. */
  env: Record<string, string>;
  /** The same, acting as `accountId` (AWS_ACCESS_KEY_ID = the 12-digit account ID) in `region`. */
  envFor(accountId: string, region?: string): Record<string, string>;
  hub: HubSeed;
  resourceConfigurationArn: string;
  /** Operator-account project VPCs. */
  projectVpcIds: string[];
  /** Project VPCs of each member account, by account ID. */
  memberProjectVpcIds: Record<string, string[]>;
  proxy: LocalProxy;
  checkTarget: { host: string; port: number };
  stats: Stats;
  /** Request buckets and Lambda concurrency; `enabled` on each says whether throttling is on (switchable at run time). */
  throttling: { requests: RequestThrottle; lambda: LambdaConcurrency };
  /** The local S3 (fleet snapshots): every bucket of every account. */
  s3: S3Store;
  /** The operator's fleet-snapshot bucket (operator account, home Region), also in env FLEET_SNAPSHOT_BUCKET. */
  snapshotBucket: string;
  /** Set when eventual consistency is on: its seed replays the run. */
  consistency?: EventualConsistency;
  /** The operator account's EC2 in its home Region. */
  ec2State: Ec2Store;
  /** The operator account's VPC Lattice in its home Region. */
  latticeState: LatticeStore;
  ec2StoreFor(accountId: string, region?: string): Ec2Store;
  latticeStoreFor(accountId: string, region?: string): LatticeStore;
  ram: RamStore;
  /** The operator account's default bus in its home Region. */
  bus: EventBus;
  /** Any account's bus in any Region (default bus unless named). */
  busFor(accountId: string, region?: string, name?: string): EventBus;
  /** Run `fn` while tag events reach no rule in any account (as if EventBridge lost them); restored even on throw. */
  pauseTagEvents<T>(fn: () => Promise<T>): Promise<T>;
  stepFunctions: StepFunctionsService;
  /** The shipped roles, STS sessions, denials; `iam.removePermission(functionId, action)` for tests. */
  iam: LocalIam;
  stateMachineArn(name: string): string;
  /** Resolves when no event delivery and no execution is in flight. */
  awaitIdle(): Promise<void>;
  stop(): Promise<void>;
}

export const LOCAL_ACCOUNT = OPERATOR_ACCOUNT;
export const LOCAL_REGION = 'us-east-1';

export async function startLocalCloud(opts: LocalCloudOptions = {}): Promise<LocalCloud> {
  const accountId = LOCAL_ACCOUNT;
  const region = LOCAL_REGION;
  const memberAccountIds = [...(opts.memberAccounts ?? MEMBER_ACCOUNTS)];
  const hubShare = opts.hubShare ?? 'organization';
  const stats = createStats();
  const buses = new EventBuses();
  const ram = new RamStore(localOrganization(accountId, memberAccountIds, hubShare === 'organization'));

  const checkTarget = await startCheckTarget();
  const proxy = await createLocalProxy({ prefer: opts.proxy ?? 'auto', checkTarget });

  const endpointPendingMs = opts.endpointPendingMs ?? 2000;
  const consistency = consistencyFor(opts.eventualConsistency);
  if (consistency) stats.recordConsistency(consistency);
  const regional = createRegionalServices({
    home: { accountId, region }, buses, ram, stats, timeScale: opts.timeScale ?? 0.05, consistency,
    endpointPendingMs, endpointDeletingMs: opts.endpointDeletingMs ?? endpointPendingMs,
  });
  const ec2StoreFor = (account: string, r = region) => regional.ec2.get(account, r).store;
  const latticeStoreFor = (account: string, r = region) => regional.lattice.get(account, r).store;
  const stepFunctions = regional.stepFunctions.get(accountId, region);
  const principals = new Principals(accountId);
  const iamFront = deferredIam();
  const throttling = {
    requests: new RequestThrottle({ enabled: opts.throttling ?? false, now: opts.throttleClock }),
    lambda: new LambdaConcurrency(opts.lambdaConcurrency ?? LAMBDA_DEFAULT_CONCURRENCY, opts.throttling ?? false),
  };
  useLambdaConcurrency({ concurrency: throttling.lambda, onThrottled: () => stats.countThrottled('lambda:Invoke') });
  useStartExecutionLimit(startExecutionLimit(throttling.requests, stats));
  const s3 = new S3Store();
  const snapshotBucket = seedSnapshotBucket(s3, { account: accountId, region });
  const injection = startFaultInjection({ proxy, ec2: regional.ec2 });
  let stacks: LocalStack[] = []; // the hub and operator stacks, once the hub is seeded (below)
  const server = await startLocalServer({
    port: opts.port ?? 0,
    principals,
    authorize: iamFront.authorize,
    throttle: throttling.requests,
    services: [...regional.services, createRamService(ram), iamFront.sts, createS3Service(s3), createCloudFormationService(() => stacks)],
    stats,
    faults: injection.faults,
    localRoutes: injection.routes,
  });

  const hub = seedHub(ec2StoreFor(accountId), latticeStoreFor(accountId), { squidHost: proxy.host, squidPort: proxy.port, customDomainName: opts.customDomainName });
  seedHubShare(ram, { operatorAccountId: accountId, region, resourceConfigurationArn: hub.resourceConfigurationArn, memberAccountIds, mode: hubShare });
  const projectVpcIds = seedProjects(ec2StoreFor(accountId), opts.seedProjects ?? 3);
  const memberProjectVpcIds = Object.fromEntries(memberAccountIds.map((m, i) =>
    [m, seedMemberProjects(ec2StoreFor(m), opts.memberProjects ?? 2, `member${i + 1}-project`)]));
  const stateMachineArn = (name: string) => `arn:aws:states:${region}:${accountId}:stateMachine:${name}`;
  stacks = localStacks({ accountId, region, resourceConfigurationArn: hub.resourceConfigurationArn, proxyPort: proxy.port, stateMachineArn, operatorBusName: OPERATOR_BUS_NAME });
  const iam = startLocalIam({
    mode: opts.iam ?? 'enforce', principals, operatorAccountId: accountId, memberAccountIds, region,
    resourceConfigurationArn: hub.resourceConfigurationArn, resourceGatewayArn: hub.resourceGatewayArn,
    memberExternalId: LOCAL_MEMBER_EXTERNAL_ID, ec2StateFor: (a, r) => ec2StoreFor(a, r),
    organizationIdOf: (a) => (ram.organization?.accounts.includes(a) ? ram.organization.id : undefined),
    invitationShare: (arn) => ram.invitationShare(arn),
  });
  iamFront.bind(iam);

  const envFor = (account: string, r = region): Record<string, string> => ({
    AWS_ENDPOINT_URL: server.url, AWS_REGION: r, AWS_ACCESS_KEY_ID: account, AWS_SECRET_ACCESS_KEY: 'local',
  });
  const env: Record<string, string> = { ...envFor(accountId), AWS_ACCESS_KEY_ID: 'local' };
  Object.assign(process.env, env);
  applyOperatorEnv({
    resourceConfigurationArn: hub.resourceConfigurationArn, proxyCheckTarget: `${checkTarget.host}:${checkTarget.port}`,
    reconcileStateMachineArn: stateMachineArn('reconcile-vpc'), operatorAccountId: accountId,
    fleetTargets: [accountId, ...memberAccountIds].map((a) => `${a}:${region}`), snapshotBucket,
    timeScale: opts.timeScale ?? 0.05, endpointPendingMs,
  });

  // The deployed tag-change rules → dispatcher Lambda, with the same pattern object as in CDK.
  const queue = new AsyncInvokeQueue(DISPATCHER.reservedConcurrency ?? LAMBDA_DEFAULT_CONCURRENCY); // its reserved concurrency
  const dispatch = async (event: unknown) => { await queue.run(async () => runAsFunction(DISPATCHER.id, async () => (await import('../handlers/dispatch-tag-event')).handler(event))); };
  buses.wireOperator(accountId, region, TAG_CHANGE_PATTERN, dispatch);
  for (const member of memberAccountIds) buses.wireMember(member, accountId, region, TAG_CHANGE_PATTERN);

  const sweep = await startLocalSweep(opts.sweepIntervalSeconds ?? 0, stateMachineArn, stepFunctions);

  const awaitIdle = async () => {
    // Events start executions and executions publish events: settle until a round changes nothing.
    for (;;) {
      const before = buses.eventCount() + (stats.snapshot().apiCalls['states:StartExecution'] ?? 0);
      await buses.idle();
      await stepFunctions.awaitIdle();
      await new Promise((r) => setImmediate(r));
      await buses.idle();
      if (buses.eventCount() + (stats.snapshot().apiCalls['states:StartExecution'] ?? 0) === before) return;
    }
  };

  return {
    url: server.url,
    accountId,
    memberAccountIds,
    region,
    env,
    envFor,
    hub,
    resourceConfigurationArn: hub.resourceConfigurationArn,
    projectVpcIds,
    memberProjectVpcIds,
    proxy,
    checkTarget,
    faults: injection.faults, taskFaults: injection.taskFaults, eventFaults: injection.eventFaults, clock: injection.clock,
    stats,
    throttling,
    s3,
    snapshotBucket,
    consistency,
    ec2State: ec2StoreFor(accountId),
    latticeState: latticeStoreFor(accountId),
    ec2StoreFor,
    latticeStoreFor,
    ram,
    bus: buses.bus(accountId, region),
    busFor: (account, r = region, name = 'default') => buses.bus(account, r, name),
    pauseTagEvents: (fn) => buses.pauseTagEvents(fn),
    stepFunctions,
    iam,
    stateMachineArn,
    awaitIdle,
    async stop() {
      sweep?.stop();
      await stepFunctions.awaitIdle().catch(() => undefined);
      await server.close();
      await proxy.stop();
      await checkTarget.close();
      iam.stop();
      useLambdaConcurrency(undefined);
      injection.stop();
      useStartExecutionLimit(undefined);
    },
  };
}

/** The scheduled sweep (EventBridge Scheduler in AWS) starts reconcile-fleet and waits for it to end. */
async function startLocalSweep(intervalSeconds: number, stateMachineArn: (name: string) => string,
  stepFunctions: StepFunctionsService) {
  if (!intervalSeconds) return undefined;
  process.env[ENV.sweepIntervalSeconds] = String(intervalSeconds);
  const { startSweepSchedule } = await import('./sweep-schedule');
  const { SFNClient, StartExecutionCommand } = await import('@aws-sdk/client-sfn');
  const sfn = new SFNClient({});
  return startSweepSchedule({
    intervalSeconds,
    startSweep: async () => {
      const { executionArn } = await sfn.send(new StartExecutionCommand({
        stateMachineArn: stateMachineArn('reconcile-fleet'),
        name: `sweep-${new Date().toISOString().replace(/[^0-9]/g, '').slice(0, 14)}`,
        input: '{}',
      }));
      await stepFunctions.awaitExecution(executionArn!);
    },
  });
}
