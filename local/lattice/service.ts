/**
 * The local VPC Lattice (REST-JSON): get and list of resource gateways and resource configurations,
 * and the list of resource endpoint associations, with the paths and member names of
 * @aws-sdk/client-vpc-lattice (routes.ts reads them from the SDK's model). Identifiers may be IDs or
 * ARNs; the SDK percent-encodes ARNs into the path segment.
 */
import type { LocalRequest, LocalService, ServiceContext } from '../service';
import { restJsonError, restJsonResponse } from '../protocol/json';
import { ApiError } from '../sfn/json-wire';
import { listPage, type LatticeQuery } from './pages';
import { matchRoute } from './routes';
import type { LatticeStore, ResourceConfigurationRecord, ResourceGatewayRecord } from './store';

export function renderConfiguration(c: ResourceConfigurationRecord): Record<string, unknown> {
  return {
    id: c.id, arn: c.arn, name: c.name, type: c.type, protocol: c.protocol, portRanges: c.portRanges,
    resourceGatewayId: c.resourceGatewayId, resourceConfigurationDefinition: c.definition, status: c.status,
    customDomainName: c.customDomainName, allowAssociationToShareableServiceNetwork: true, amazonManaged: false,
    createdAt: c.createdAt.toISOString(), lastUpdatedAt: c.createdAt.toISOString(),
  };
}

export function renderGateway(g: ResourceGatewayRecord): Record<string, unknown> {
  return {
    id: g.id, arn: g.arn, name: g.name, vpcId: g.vpcId, subnetIds: g.subnetIds, securityGroupIds: g.securityGroupIds,
    status: g.status, ipAddressType: g.ipAddressType, createdAt: g.createdAt.toISOString(), lastUpdatedAt: g.createdAt.toISOString(),
  };
}

/** ResourceConfigurationSummary of ListResourceConfigurations. */
function configurationSummary(c: ResourceConfigurationRecord): Record<string, unknown> {
  return {
    id: c.id, arn: c.arn, name: c.name, resourceGatewayId: c.resourceGatewayId, type: c.type, status: c.status,
    amazonManaged: false, customDomainName: c.customDomainName, createdAt: c.createdAt.toISOString(), lastUpdatedAt: c.createdAt.toISOString(),
  };
}

/** ResourceGatewaySummary of ListResourceGateways (the VPC is `vpcIdentifier` there). */
function gatewaySummary(g: ResourceGatewayRecord): Record<string, unknown> {
  return {
    id: g.id, arn: g.arn, name: g.name, vpcIdentifier: g.vpcId, subnetIds: g.subnetIds, securityGroupIds: g.securityGroupIds,
    status: g.status, ipAddressType: g.ipAddressType, createdAt: g.createdAt.toISOString(), lastUpdatedAt: g.createdAt.toISOString(),
  };
}

/** A Resource VPC endpoint's association with a resource configuration, as EC2 knows it. */
export interface EndpointAssociationView {
  associationId: string;
  vpcEndpointId: string;
  /** Account that owns the endpoint. */
  vpcEndpointOwner: string;
  resourceConfigurationArn: string;
  createdAt: Date;
}

export interface LatticeServiceOptions {
  /** Resource endpoints associated with a resource configuration (every account's). Default: none. */
  endpointAssociations?: (resourceConfigurationArn: string) => EndpointAssociationView[];
}

class NotFound extends ApiError {
  constructor(readonly resourceType: string, readonly resourceId: string) {
    super('ResourceNotFoundException', `${resourceType} ${resourceId} not found`, 404);
  }
}

type Handler = (store: LatticeStore, q: LatticeQuery, opts: LatticeServiceOptions) => Record<string, unknown>;

const HANDLERS: Record<string, Handler> = {
  GetResourceConfiguration(store, q) {
    const id = q.label('resourceConfigurationIdentifier');
    const c = store.findConfiguration(id);
    if (!c) throw new NotFound('RESOURCE_CONFIGURATION', id);
    return renderConfiguration(c);
  },
  GetResourceGateway(store, q) {
    const id = q.label('resourceGatewayIdentifier');
    const g = store.findGateway(id);
    if (!g) throw new NotFound('RESOURCE_GATEWAY', id);
    return renderGateway(g);
  },
  ListResourceGateways(store, q) {
    return listPage([...store.gateways.values()], q, gatewaySummary);
  },
  ListResourceConfigurations(store, q) {
    const gatewayRef = q.query('resourceGatewayIdentifier');
    let configs = [...store.configurations.values()];
    if (gatewayRef !== undefined) {
      const gw = store.findGateway(gatewayRef);
      if (!gw) throw new NotFound('RESOURCE_GATEWAY', gatewayRef);
      configs = configs.filter((c) => c.resourceGatewayId === gw.id);
    }
    return listPage(configs, q, configurationSummary);
  },
  ListResourceEndpointAssociations(store, q, opts) {
    const ref = q.query('resourceConfigurationIdentifier')!; // required: checked against the model first
    const c = store.findConfiguration(ref);
    if (!c) throw new NotFound('RESOURCE_CONFIGURATION', ref);
    const wanted = { id: q.query('resourceEndpointAssociationIdentifier'), vpce: q.query('vpcEndpointId'), owner: q.query('vpcEndpointOwner') };
    const items = (opts.endpointAssociations?.(c.arn) ?? [])
      .filter((a) => (wanted.id === undefined || a.associationId === wanted.id || associationArn(store, a) === wanted.id)
        && (wanted.vpce === undefined || a.vpcEndpointId === wanted.vpce)
        && (wanted.owner === undefined || a.vpcEndpointOwner === wanted.owner))
      .map((a) => ({ ...a, id: a.associationId }));
    return listPage(items, q, (a) => ({
      id: a.associationId, arn: associationArn(store, a), resourceConfigurationId: c.id, resourceConfigurationArn: c.arn,
      resourceConfigurationName: c.name, vpcEndpointId: a.vpcEndpointId, vpcEndpointOwner: a.vpcEndpointOwner,
      createdBy: a.vpcEndpointOwner, createdAt: a.createdAt.toISOString(),
    }));
  },
};

function associationArn(store: LatticeStore, a: EndpointAssociationView): string {
  return `arn:aws:vpc-lattice:${store.region}:${store.accountId}:resourceendpointassociation/${a.associationId}`;
}

/** The operations this service implements (read by local/model/generate.ts). */
export const latticeOperationNames = (): string[] => Object.keys(HANDLERS);

export type LatticeService = LocalService & { store: LatticeStore };

export function createLatticeService(ctx: ServiceContext, store: LatticeStore, opts: LatticeServiceOptions = {}): LatticeService {
  void ctx; // the context is part of every service's signature; Lattice emits no events locally
  const operationOf = (req: Pick<LocalRequest, 'method' | 'path'>) => {
    const op = matchRoute(req.method, req.path)?.operation;
    return op && Object.hasOwn(HANDLERS, op) ? op : undefined;
  };
  return {
    name: 'vpc-lattice',
    store,
    operationOf,
    async handle(req) {
      const m = matchRoute(req.method, req.path);
      const handler = m && Object.hasOwn(HANDLERS, m.operation) ? HANDLERS[m.operation] : undefined;
      if (!m || !handler) return restJsonError(400, 'UnknownOperationException', `Unknown operation ${req.method} ${req.path}`);
      try {
        return restJsonResponse(handler(store, new LatticeQueryImpl(m.labels, req.query), opts));
      } catch (e) {
        if (e instanceof NotFound) return restJsonError(e.status, e.code, e.message, { resourceId: e.resourceId, resourceType: e.resourceType });
        if (e instanceof ApiError) return restJsonError(e.status, e.code, e.message);
        throw e;
      }
    },
    error: (status, code, message) => restJsonError(status, code, message),
  };
}

class LatticeQueryImpl implements LatticeQuery {
  constructor(private readonly labels: Record<string, string>, private readonly params: URLSearchParams) {}
  label(name: string): string {
    return this.labels[name] ?? '';
  }
  query(name: string): string | undefined {
    return this.params.get(name) ?? undefined;
  }
}
