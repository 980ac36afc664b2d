/**
 * The regional services of the local cloud, one instance per account and Region
 * (docs/local-cloud.md#accounts-and-principals): EC2, VPC Lattice and EventBridge everywhere, Step
 * Functions with the operator's workflows only where the operator is deployed. A resource endpoint may
 * use another account's resource configuration only through an accepted RAM share.
 */
import { PerScope, scopedService, type Scope } from './accounts-scopes';
import type { EventBuses } from './accounts-events';
import { Ec2Error } from './ec2/errors';
import { createEc2Service, type Ec2Service } from './ec2/service';
import type { ResourceConfigurationLookup } from './ec2/types';
import { createEventsService, type EventsService } from './events/service';
import { createLatticeService, type LatticeService } from './lattice/service';
import { LatticeStore } from './lattice/store';
import type { RamStore } from './ram/store';
import type { LocalService, ServiceContext } from './service';
import { createStepFunctionsService, type StepFunctionsService } from './sfn/service';
import type { Stats } from './stats';
import type { EventualConsistency } from './consistency';

export interface RegionalServicesOptions {
  /** Where the operator runs (its Step Functions workflows live there only). */
  home: Scope;
  buses: EventBuses;
  ram: RamStore;
  stats: Stats;
  endpointPendingMs: number;
  endpointDeletingMs: number;
  timeScale: number;
  /** Eventual consistency of EC2 reads, shared by every account and Region (local/consistency.ts). */
  consistency?: EventualConsistency;
}

export interface RegionalServices {
  ec2: PerScope<Ec2Service>;
  lattice: PerScope<LatticeService>;
  events: PerScope<EventsService>;
  stepFunctions: PerScope<StepFunctionsService>;
  /** The routers the HTTP server serves: each picks the instance of the caller's account and Region. */
  services: LocalService[];
}

const ARN = /^arn:aws[a-z-]*:vpc-lattice:([a-z0-9-]+):(\d{12}):resourceconfiguration\/(rcfg-[0-9a-z]+)$/;

export function createRegionalServices(opts: RegionalServicesOptions): RegionalServices {
  const context = (scope: Scope): ServiceContext => ({
    accountId: scope.accountId, region: scope.region, stats: opts.stats,
    emitEvent: (event) => { opts.buses.bus(scope.accountId, scope.region).publish(event); },
  });
  const latticeStores = new PerScope((s) => new LatticeStore(s.accountId, s.region));
  const lattice = new PerScope((s) => createLatticeService(context(s), latticeStores.get(s.accountId, s.region), {
    // ListResourceEndpointAssociations: the Resource endpoints of every account that use the configuration.
    endpointAssociations: (arn) => ec2.entries().flatMap(({ scope, value }) => [...value.store.endpoints.values()]
      .filter((e) => e.resourceConfigurationArn === arn)
      .map((e) => ({ associationId: e.associationId, vpcEndpointId: e.id, vpcEndpointOwner: scope.accountId, resourceConfigurationArn: arn, createdAt: new Date(e.createdAt) }))),
  }));

  /** What CreateVpcEndpoint in `scope` may use: its own configurations, or others' shared with it and accepted. */
  const lookupFor = (scope: Scope): ResourceConfigurationLookup => (arnOrId) => {
    const m = ARN.exec(arnOrId);
    if (!m) return latticeStores.get(scope.accountId, scope.region).resourceConfigurationView(arnOrId);
    const [, region, owner] = m;
    // A resource endpoint connects to a resource configuration of its own Region only.
    if (region !== scope.region) {
      throw new Ec2Error('InvalidParameter', `The resource configuration ${arnOrId} is in ${region}; a resource endpoint in ${scope.region} can only use a resource configuration of its own Region.`);
    }
    const view = latticeStores.get(owner, region).resourceConfigurationView(arnOrId);
    return view && opts.ram.canUse(scope.accountId, region, view.arn, owner) ? view : undefined;
  };
  const ec2 = new PerScope((s) => createEc2Service(context(s), {
    endpointPendingMs: opts.endpointPendingMs,
    endpointDeletingMs: opts.endpointDeletingMs,
    resourceConfigurations: lookupFor(s),
  }, { consistency: opts.consistency }));
  const events = new PerScope((s) => createEventsService(s, opts.buses.bus(s.accountId, s.region)));
  const isHome = (s: Scope) => s.accountId === opts.home.accountId && s.region === opts.home.region;
  const stepFunctions = new PerScope((s) => createStepFunctionsService(context(s), { timeScale: opts.timeScale, deployed: isHome(s) }));

  return {
    ec2, lattice, events, stepFunctions,
    services: [
      scopedService('ec2', ec2, opts.home),
      scopedService('vpc-lattice', lattice, opts.home),
      scopedService('events', events, opts.home),
      scopedService('states', stepFunctions, opts.home),
    ],
  };
}
