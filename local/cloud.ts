/**
 * The local cloud, assembled: one loopback server speaking EC2, VPC Lattice, Step Functions and
 * EventBridge; a seeded hub whose resource configuration points at a real (or stand-in) proxy; the
 * tag-change rule wired to the real dispatcher; the workflows run from statemachines/ with the real
 * handlers. It sets this process's AWS environment so the in-process handlers reach it through the SDK.
 * One local cloud per process.
 */
import './polyfills';
import { ENV } from '../handlers/catalog';
import { TAG_CHANGE_PATTERN } from '../handlers/lib/event-patterns';
import { startCheckTarget } from './check-target';
import { createEc2Service } from './ec2/service';
import type { Ec2Store } from './ec2/store';
import { createEventBus, type EventBus } from './events/bus';
import { createEventsService } from './events/service';
import { createFaults, type Faults } from './faults';
import { createLatticeService } from './lattice/service';
import { LatticeStore } from './lattice/store';
import { createLocalProxy, type LocalProxy } from './local-proxy';
import { seedHub, seedProjects, type HubSeed } from './seed';
import { startLocalServer } from './server';
import type { ServiceContext } from './service';
import { createStepFunctionsService, type StepFunctionsService } from './sfn/service';
import { createStats, type Stats } from './stats';

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
  /** Project VPCs to seed (all 10.0.0.0/16, two subnets each; default 3). */
  seedProjects?: number;
  /** Start the fleet sweep every N seconds (0 = off, the default). */
  sweepIntervalSeconds?: number;
  /** A custom domain name on the hub's resource configuration (private DNS for every endpoint). */
  customDomainName?: string;
}

export interface LocalCloud {
  url: string;
  accountId: string;
  region: string;
  /** What a subprocess (CLI, another SDK client) needs in its environment to use this cloud. */
  env: Record<string, string>;
  hub: HubSeed;
  resourceConfigurationArn: string;
  projectVpcIds: string[];
  proxy: LocalProxy;
  checkTarget: { host: string; port: number };
  faults: Faults;
  stats: Stats;
  ec2State: Ec2Store;
  latticeState: LatticeStore;
  bus: EventBus;
  stepFunctions: StepFunctionsService;
  stateMachineArn(name: string): string;
  /** Resolves when no event delivery and no execution is in flight. */
  awaitIdle(): Promise<void>;
  stop(): Promise<void>;
}

export const LOCAL_ACCOUNT = '123456789012';
export const LOCAL_REGION = 'us-east-1';

export async function startLocalCloud(opts: LocalCloudOptions = {}): Promise<LocalCloud> {
  const accountId = LOCAL_ACCOUNT;
  const region = LOCAL_REGION;
  const stats = createStats();
  const faults = createFaults();
  const bus = createEventBus({ accountId, region });
  const ctx: ServiceContext = { accountId, region, emitEvent: (event) => { bus.publish(event); }, stats };

  const checkTarget = await startCheckTarget();
  const proxy = await createLocalProxy({ prefer: opts.proxy ?? 'auto', checkTarget });

  const latticeState = new LatticeStore(accountId, region);
  const endpointPendingMs = opts.endpointPendingMs ?? 2000;
  const ec2 = createEc2Service(ctx, {
    endpointPendingMs,
    endpointDeletingMs: opts.endpointDeletingMs ?? endpointPendingMs,
    resourceConfigurations: (arnOrId) => latticeState.resourceConfigurationView(arnOrId),
  });
  const stepFunctions = createStepFunctionsService(ctx, { timeScale: opts.timeScale ?? 0.05 });
  const server = await startLocalServer({
    port: opts.port ?? 0,
    services: [ec2, createLatticeService(ctx, latticeState), createEventsService(ctx, bus), stepFunctions],
    stats,
    faults,
  });

  const hub = seedHub(ec2.store, latticeState, { squidHost: proxy.host, squidPort: proxy.port, customDomainName: opts.customDomainName });
  const projectVpcIds = seedProjects(ec2.store, opts.seedProjects ?? 3);
  const stateMachineArn = (name: string) => `arn:aws:states:${region}:${accountId}:stateMachine:${name}`;

  const env: Record<string, string> = {
    AWS_ENDPOINT_URL: server.url,
    AWS_REGION: region,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  };
  Object.assign(process.env, env, {
    [ENV.resourceConfigurationArn]: hub.resourceConfigurationArn,
    [ENV.proxyCheckTarget]: `${checkTarget.host}:${checkTarget.port}`,
    [ENV.reconcileStateMachineArn]: stateMachineArn('reconcile-vpc'),
    [ENV.operatorAccountId]: accountId,
  });

  // The deployed tag-change rule → dispatcher Lambda, with the same pattern object as in CDK.
  bus.addRule({
    name: 'egress-operator-tag-change',
    pattern: TAG_CHANGE_PATTERN,
    target: async (event) => {
      const { handler } = await import('../handlers/dispatch-tag-event');
      await handler(event);
    },
  });

  const sweep = await startLocalSweep(opts.sweepIntervalSeconds ?? 0, stateMachineArn, stepFunctions);

  const awaitIdle = async () => {
    // Events start executions and executions publish events: settle until a round changes nothing.
    for (;;) {
      const before = bus.events.length + (stats.snapshot().apiCalls['states:StartExecution'] ?? 0);
      await bus.idle();
      await stepFunctions.awaitIdle();
      await new Promise((r) => setImmediate(r));
      await bus.idle();
      if (bus.events.length + (stats.snapshot().apiCalls['states:StartExecution'] ?? 0) === before) return;
    }
  };

  return {
    url: server.url,
    accountId,
    region,
    env,
    hub,
    resourceConfigurationArn: hub.resourceConfigurationArn,
    projectVpcIds,
    proxy,
    checkTarget,
    faults,
    stats,
    ec2State: ec2.store,
    latticeState,
    bus,
    stepFunctions,
    stateMachineArn,
    awaitIdle,
    async stop() {
      sweep?.stop();
      await stepFunctions.awaitIdle().catch(() => undefined);
      await server.close();
      await proxy.stop();
      await checkTarget.close();
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
