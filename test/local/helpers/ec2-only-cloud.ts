/**
 * A local cloud with only the EC2 and VPC Lattice emulators, for tests that talk to it through the
 * real AWS SDK. Events the EC2 emulator emits are collected instead of routed.
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';
import { startLocalServer } from '../../../local/server';
import { createStats } from '../../../local/stats';
import { createFaults } from '../../../local/faults';
import { createEc2Service } from '../../../local/ec2/service';
import { createLatticeService } from '../../../local/lattice/service';
import { LatticeStore } from '../../../local/lattice/store';
import { seedHub, type HubSeed } from '../../../local/seed';
import type { CloudEvent, ServiceContext } from '../../../local/service';
import type { EventualConsistency } from '../../../local/consistency';

export interface Ec2OnlyCloudOptions {
  endpointPendingMs?: number;
  endpointDeletingMs?: number;
  now?: () => number;
  /** Seed the hub (default true). */
  hub?: boolean;
  /** Eventual consistency of EC2 reads (off by default). */
  consistency?: EventualConsistency;
}

export async function startEc2OnlyCloud(opts: Ec2OnlyCloudOptions = {}) {
  const events: CloudEvent[] = [];
  const stats = createStats();
  const faults = createFaults();
  const ctx: ServiceContext = { accountId: '123456789012', region: 'us-east-1', emitEvent: (e) => events.push(e), stats };
  const lattice = new LatticeStore(ctx.accountId, ctx.region);
  const ec2 = createEc2Service(ctx, {
    endpointPendingMs: opts.endpointPendingMs ?? 0,
    endpointDeletingMs: opts.endpointDeletingMs,
    now: opts.now,
    resourceConfigurations: (arn) => lattice.resourceConfigurationView(arn),
  }, { consistency: opts.consistency });
  const latticeService = createLatticeService(ctx, lattice, {
    endpointAssociations: (arn) => [...ec2.store.endpoints.values()].filter((e) => e.resourceConfigurationArn === arn).map((e) => ({
      associationId: e.associationId, vpcEndpointId: e.id, vpcEndpointOwner: ctx.accountId,
      resourceConfigurationArn: arn, createdAt: new Date(e.createdAt),
    })),
  });
  const hub: HubSeed | undefined = opts.hub === false ? undefined : seedHub(ec2.store, lattice, { squidHost: '127.0.0.1', squidPort: 3128 });
  events.length = 0; // seeding's own tag events are not what tests look at
  const server = await startLocalServer({ services: [ec2, latticeService], stats, faults, log: () => undefined });
  const clientConfig = (maxAttempts: number) => ({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' },
    maxAttempts,
  });
  const clients: { destroy(): void }[] = [];
  return {
    url: server.url,
    events,
    stats,
    faults,
    ec2Store: ec2.store,
    latticeStore: lattice,
    hub,
    /** A new EC2 client; `maxAttempts` 1 by default so faults surface unretried. */
    ec2(maxAttempts = 1): EC2Client {
      const c = new EC2Client(clientConfig(maxAttempts));
      clients.push(c);
      return c;
    },
    lattice(maxAttempts = 1): VPCLatticeClient {
      const c = new VPCLatticeClient(clientConfig(maxAttempts));
      clients.push(c);
      return c;
    },
    async close() {
      for (const c of clients) c.destroy();
      await server.close();
    },
  };
}

export type Ec2OnlyCloud = Awaited<ReturnType<typeof startEc2OnlyCloud>>;

/** The SDK error of a rejected call (fails the test if it resolved). */
export async function errorOf(p: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the call to fail');
}
