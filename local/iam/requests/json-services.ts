/**
 * VPC Lattice, Step Functions, EventBridge, STS and RAM calls → the authorizations AWS makes: the
 * action on the resource ARN the call names (Service Authorization Reference formats), `*` for
 * actions without resource-level permissions. Calls that name no resource we can map also use `*`.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonvpclattice.html
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsstepfunctions.html
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoneventbridge.html
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecuritytokenservice.html
 */
import { sarArn, takesResources } from '../sar';
import type { Authorization } from './types';

export interface JsonScope {
  account: string;
  region: string;
  /** The share an invitation ARN belongs to (RAM's condition keys), if it exists. */
  invitationShare?(arn: string): { name: string; ownerAccountId: string } | undefined;
}

/** The IAM service prefix of each signing name. */
const IAM_PREFIX: Record<string, string> = { 'vpc-lattice': 'vpc-lattice', states: 'states', events: 'events', sts: 'sts', ram: 'ram', s3: 's3' };

const star = (action: string, context: Authorization['context'] = {}): Authorization[] => [{ action, resource: '*', context }];

function bodyOf(body: string): Record<string, unknown> {
  try { return (JSON.parse(body || '{}') ?? {}) as Record<string, unknown>; } catch { return {}; }
}

function latticeResource(scope: JsonScope, path: string): { type: string; arn: string } | undefined {
  const m = /^\/(resourceconfigurations|resourcegateways)\/([^/]+)/.exec(path);
  if (!m) return undefined;
  const id = decodeURIComponent(m[2]);
  const type = m[1] === 'resourceconfigurations' ? 'resourceconfiguration' : 'resourcegateway';
  return { type, arn: id.startsWith('arn:') ? id : sarArn('vpc-lattice', type, { ...scope, id }) };
}

function busArn(scope: JsonScope, nameOrArn: string | undefined): string {
  const v = nameOrArn || 'default';
  return v.startsWith('arn:') ? v : sarArn('events', 'event-bus', { ...scope, id: v });
}

export interface JsonCall {
  service: string;
  operation: string;
  path: string;
  body: string;
  /** Query-protocol parameters (STS). */
  params?: (name: string) => string | undefined;
}

/** S3 API operations whose IAM action has another name: https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-with-s3-policy-actions.html */
const S3_ACTIONS: Record<string, string> = {
  ListObjectsV2: 'ListBucket', ListObjects: 'ListBucket', HeadBucket: 'ListBucket', HeadObject: 'GetObject', DeleteObjects: 'DeleteObject',
};

export function jsonAuthorizations(scope: JsonScope, call: JsonCall): Authorization[] {
  const prefix = IAM_PREFIX[call.service] ?? call.service;
  const action = `${prefix}:${call.service === 's3' ? S3_ACTIONS[call.operation] ?? call.operation : call.operation}`;
  if (call.service === 'sts') {
    if (call.operation === 'AssumeRole') {
      const context: Authorization['context'] = {};
      const externalId = call.params?.('ExternalId');
      if (externalId !== undefined) context['sts:ExternalId'] = externalId;
      const session = call.params?.('RoleSessionName');
      if (session !== undefined) context['sts:RoleSessionName'] = session;
      return [{ action, resource: call.params?.('RoleArn') ?? '*', resourceType: 'role', context }];
    }
    return star(action);
  }
  if (!takesResources(action)) return star(action);
  const body = bodyOf(call.body);
  switch (call.service) {
    case 'vpc-lattice': {
      const r = latticeResource(scope, call.path);
      return r ? [{ action, resource: r.arn, resourceType: r.type, context: {} }] : star(action);
    }
    case 'states': {
      if (typeof body.stateMachineArn === 'string') return [{ action, resource: body.stateMachineArn, resourceType: 'statemachine', context: {} }];
      if (typeof body.executionArn === 'string') return [{ action, resource: body.executionArn, resourceType: 'execution', context: {} }];
      return star(action);
    }
    case 'events': {
      if (call.operation === 'PutEvents' && Array.isArray(body.Entries)) {
        return (body.Entries as Record<string, unknown>[]).map((e) => ({
          action, resource: busArn(scope, e.EventBusName as string | undefined), resourceType: 'event-bus',
          context: {
            ...(typeof e.Source === 'string' ? { 'events:source': e.Source } : {}),
            ...(typeof e.DetailType === 'string' ? { 'events:detail-type': e.DetailType } : {}),
          },
        }));
      }
      return star(action);
    }
    case 's3': {
      // Path-style requests: /bucket for bucket operations, /bucket/key for object operations.
      const [, bucket, ...key] = call.path.split('/');
      if (!bucket) return star(action);
      return key.length && key.join('/')
        ? [{ action, resource: `arn:aws:s3:::${bucket}/${decodeURIComponent(key.join('/'))}`, resourceType: 'object', context: {} }]
        : [{ action, resource: `arn:aws:s3:::${bucket}`, resourceType: 'bucket', context: {} }];
    }
    case 'ram': {
      if (typeof body.resourceShareInvitationArn === 'string') {
        // ram:ResourceShareName and ram:ShareOwnerAccountId describe the invitation's share:
        // https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsresourceaccessmanagerram.html
        const share = scope.invitationShare?.(body.resourceShareInvitationArn);
        const context: Authorization['context'] = share ? { 'ram:ResourceShareName': share.name, 'ram:ShareOwnerAccountId': share.ownerAccountId } : {};
        return [{ action, resource: body.resourceShareInvitationArn, resourceType: 'resource-share-invitation', context }];
      }
      return star(action);
    }
    default:
      return star(action);
  }
}
