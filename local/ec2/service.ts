/**
 * The local EC2 as a LocalService: Query-protocol requests in, EC2 XML out. Every `Ec2Error` thrown by
 * the operations becomes the EC2 error shape, so the SDK raises an exception named after the code.
 */
import type { LocalRequest, LocalService, ServiceContext } from '../service';
import { QueryParams } from '../protocol/query';
import { ec2ErrorResponse, ec2Response, type XmlObject } from '../protocol/xml';
import { Ec2Error } from './errors';
import { Ec2Store } from './store';
import type { Ec2Options, Ec2State } from './state';
import { vpcOps } from './ops/vpcs';
import { securityGroupOps } from './ops/security-groups';
import { endpointOps } from './ops/endpoints';
import { tagOps } from './ops/tags';
import { describeTagsOps } from './ops/describe-tags';
import { vpcAttributeOps } from './ops/vpc-attributes';
import { regionOps } from './ops/regions';
import { networkOps } from './ops/network';
import { networkAclOps } from './ops/network-acls';
import { runConsistent } from './consistency-view';
import type { EventualConsistency } from '../consistency';

type Operation = (state: Ec2State, params: QueryParams) => XmlObject;

export const EC2_OPERATIONS: Record<string, Operation> = {
  ...vpcOps, ...securityGroupOps, ...endpointOps, ...tagOps,
  ...describeTagsOps, ...vpcAttributeOps, ...regionOps, ...networkOps, ...networkAclOps,
};

function paramsOf(req: Pick<LocalRequest, 'method' | 'body' | 'query'>): QueryParams {
  return req.method === 'GET' ? QueryParams.parse(req.query.toString()) : QueryParams.parse(req.body);
}

export type Ec2Service = LocalService & { store: Ec2Store };

export interface Ec2ServiceExtras {
  /** Eventual consistency of reads (local/consistency.ts); absent = every write visible at once. */
  consistency?: EventualConsistency;
}

export function createEc2Service(ctx: ServiceContext, opts: Ec2Options, extras: Ec2ServiceExtras = {}): Ec2Service {
  const store = new Ec2Store(ctx, opts);
  const run = (state: Ec2State, operation: string, params: QueryParams, op: () => XmlObject): XmlObject =>
    (extras.consistency ? runConsistent(extras.consistency, state, operation, params, op) : op());
  return {
    name: 'ec2',
    store,
    operationOf(req) {
      const action = paramsOf(req).get('Action');
      return action && Object.hasOwn(EC2_OPERATIONS, action) ? action : undefined;
    },
    async handle(req) {
      const op = EC2_OPERATIONS[req.operation];
      if (!op) return ec2ErrorResponse(400, 'InvalidAction', `The action ${req.operation} is not valid for this web service.`);
      const params = paramsOf(req);
      try {
        store.refresh();
        if (params.bool('DryRun')) {
          throw new Ec2Error('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', 412);
        }
        return ec2Response(req.operation, run(store, req.operation, params, () => op(store, params)));
      } catch (err) {
        if (err instanceof Ec2Error) return ec2ErrorResponse(err.status, err.code, err.message);
        throw err;
      }
    },
    error: (status, code, message) => ec2ErrorResponse(status, code, message),
  };
}
