/**
 * The local VPC Lattice (REST-JSON): GetResourceConfiguration and GetResourceGateway, with the paths
 * and member names of @aws-sdk/client-vpc-lattice (`GET /resourceconfigurations/{id}`, `vpcId`, …).
 * Identifiers may be IDs or ARNs; the SDK percent-encodes ARNs into the path segment.
 */
import type { LocalRequest, LocalService, ServiceContext } from '../service';
import { restJsonError, restJsonResponse } from '../protocol/json';
import type { LatticeStore, ResourceConfigurationRecord, ResourceGatewayRecord } from './store';

const ROUTES: { method: string; pattern: RegExp; operation: string }[] = [
  { method: 'GET', pattern: /^\/resourceconfigurations\/([^/]+)$/, operation: 'GetResourceConfiguration' },
  { method: 'GET', pattern: /^\/resourcegateways\/([^/]+)$/, operation: 'GetResourceGateway' },
];

function match(req: Pick<LocalRequest, 'method' | 'path'>): { operation: string; identifier: string } | undefined {
  for (const r of ROUTES) {
    const m = req.method === r.method ? r.pattern.exec(req.path) : null;
    if (m) return { operation: r.operation, identifier: decodeURIComponent(m[1]) };
  }
  return undefined;
}

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

function notFound(kind: string, identifier: string) {
  return restJsonError(404, 'ResourceNotFoundException', `${kind} ${identifier} not found`, { resourceId: identifier, resourceType: kind });
}

export type LatticeService = LocalService & { store: LatticeStore };

export function createLatticeService(ctx: ServiceContext, store: LatticeStore): LatticeService {
  void ctx; // the context is part of every service's signature; Lattice emits no events locally
  return {
    name: 'vpc-lattice',
    store,
    operationOf: (req) => match(req)?.operation,
    async handle(req) {
      const m = match(req);
      if (m?.operation === 'GetResourceConfiguration') {
        const c = store.findConfiguration(m.identifier);
        return c ? restJsonResponse(renderConfiguration(c)) : notFound('RESOURCE_CONFIGURATION', m.identifier);
      }
      if (m?.operation === 'GetResourceGateway') {
        const g = store.findGateway(m.identifier);
        return g ? restJsonResponse(renderGateway(g)) : notFound('RESOURCE_GATEWAY', m.identifier);
      }
      return restJsonError(404, 'UnknownOperationException', `Unknown operation ${req.method} ${req.path}`);
    },
    error: (status, code, message) => restJsonError(status, code, message),
  };
}
