/**
 * EC2 Query calls → the authorizations AWS makes for them: the action on each resource ARN of the
 * Service Authorization Reference, with aws:RequestTag/aws:TagKeys for the tags in the request,
 * aws:ResourceTag/ec2:ResourceTag for existing resources, ec2:Vpc, ec2:CreateAction for tags applied
 * by a create call, and the ec2:Vpce* keys of CreateVpcEndpoint.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html
 * Tag-on-create also needs ec2:CreateTags with ec2:CreateAction:
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/supported-iam-actions-tagging.html
 */
import { parseTags, parseTagSpecifications, type QueryParams } from '../../protocol/query';
import type { Ec2State } from '../../ec2/state';
import type { Resource } from '../../ec2/types';
import { sarArn, takesResources } from '../sar';
import { tagKeys, type Authorization } from './types';

export interface Ec2Scope {
  account: string;
  region: string;
  /** The EC2 state of that account and region (resource tags, the VPC of a group). */
  state?: Ec2State;
}

const TYPE_BY_PREFIX: [string, string][] = [
  ['vpce-', 'vpc-endpoint'], ['vpc-', 'vpc'], ['subnet-', 'subnet'], ['sg-', 'security-group'], ['eni-', 'network-interface'],
];

export function resourceTypeOfId(id: string): string | undefined {
  return TYPE_BY_PREFIX.find(([p]) => id.startsWith(p))?.[1];
}

function arnOf(scope: Ec2Scope, type: string, id: string): string {
  return sarArn('ec2', type, { region: scope.region, account: scope.account, id });
}

function requestTagContext(tags: { key: string; value: string | undefined }[]): Authorization['context'] {
  if (tags.length === 0) return {};
  return { ...tagKeys('aws:RequestTag', tags.map((t) => [t.key, t.value ?? ''])), 'aws:TagKeys': tags.map((t) => t.key) };
}

type Located = Resource & { vpcId?: string; availabilityZone?: string; availabilityZoneId?: string };

/**
 * An existing resource: its ARN and the keys AWS derives from it. A resource that does not exist is
 * left to the service, which answers with its NotFound error (no authorization is made for it here).
 */
function existing(scope: Ec2Scope, action: string, id: string, extra: Authorization['context'] = {}): Authorization[] {
  const type = resourceTypeOfId(id);
  const record = scope.state?.findResource(id) as Located | undefined;
  if (!type || !record) return [];
  const tags = record ? [...record.tags] : [];
  const context: Authorization['context'] = {
    ...tagKeys('aws:ResourceTag', tags), ...tagKeys('ec2:ResourceTag', tags), 'ec2:Region': scope.region, ...extra,
  };
  if (record?.vpcId) context['ec2:Vpc'] = arnOf(scope, 'vpc', record.vpcId);
  if (type === 'vpc') context['ec2:VpcID'] = id;
  if (type === 'security-group') context['ec2:SecurityGroupID'] = id;
  if (type === 'subnet') {
    context['ec2:SubnetID'] = id;
    if (record?.availabilityZone) context['ec2:AvailabilityZone'] = record.availabilityZone;
    if (record?.availabilityZoneId) context['ec2:AvailabilityZoneId'] = record.availabilityZoneId;
  }
  return [{ action, resource: arnOf(scope, type, id), resourceType: type, context }];
}

/** A resource the call creates: `arn:…:<type>/*` with the tags of its TagSpecification. */
function created(scope: Ec2Scope, action: string, type: string, p: QueryParams, extra: Authorization['context'] = {}): Authorization[] {
  const tags = parseTagSpecifications(p).filter((s) => s.resourceType === type).flatMap((s) => s.tags);
  const resource = arnOf(scope, type, '*');
  const context = { ...requestTagContext(tags), 'ec2:Region': scope.region, ...extra };
  const out: Authorization[] = [{ action, resource, resourceType: type, context }];
  if (tags.length) {
    out.push({
      action: 'ec2:CreateTags', resource, resourceType: type,
      context: { ...requestTagContext(tags), 'ec2:CreateAction': action.slice(4), 'ec2:Region': scope.region },
    });
  }
  return out;
}

const ids = (p: QueryParams, name: string) => p.list(name);
const one = (p: QueryParams, name: string) => (p.get(name) ? [p.get(name)!] : []);

type Mapper = (scope: Ec2Scope, action: string, p: QueryParams) => Authorization[];

const MAPPERS: Record<string, Mapper> = {
  CreateSecurityGroup: (s, a, p) => [
    ...created(s, a, 'security-group', p),
    ...one(p, 'VpcId').flatMap((id) => existing(s, a, id)),
  ],
  CreateVpcEndpoint: (s, a, p) => [
    ...created(s, a, 'vpc-endpoint', p,
      p.get('DnsOptions.PrivateDnsPreference') ? { 'ec2:VpcePrivateDnsPreference': p.get('DnsOptions.PrivateDnsPreference')! } : {}),
    ...one(p, 'VpcId').flatMap((id) => existing(s, a, id)),
    ...ids(p, 'SubnetId').flatMap((id) => existing(s, a, id)),
    ...ids(p, 'SecurityGroupId').flatMap((id) => existing(s, a, id)),
  ],
  ModifyVpcEndpoint: (s, a, p) => [
    ...one(p, 'VpcEndpointId').flatMap((id) => existing(s, a, id)),
    ...['AddSubnetId', 'RemoveSubnetId', 'AddSecurityGroupId', 'RemoveSecurityGroupId'].flatMap((n) => ids(p, n)).flatMap((id) => existing(s, a, id)),
  ],
  DeleteVpcEndpoints: (s, a, p) => ids(p, 'VpcEndpointId').flatMap((id) => existing(s, a, id)),
  CreateTags: (s, a, p) => {
    const tags = requestTagContext(parseTags(p, 'Tag').map((t) => ({ key: t.key, value: t.value ?? '' })));
    return ids(p, 'ResourceId').flatMap((id) => existing(s, a, id, tags));
  },
  DeleteTags: (s, a, p) => {
    const tags = parseTags(p, 'Tag');
    const context: Authorization['context'] = tags.length ? { 'aws:TagKeys': tags.map((t) => t.key) } : {};
    for (const t of tags) if (t.value !== undefined) context[`aws:RequestTag/${t.key}`] = t.value;
    return ids(p, 'ResourceId').flatMap((id) => existing(s, a, id, context));
  },
};

const ID_VALUE = /^(vpce|vpc|subnet|sg|eni)-[0-9a-f]+$/;

/** Any other call: every resource ID in its parameters (GroupId, VpcId, …), or `*` when it names none. */
function generic(scope: Ec2Scope, action: string, p: QueryParams): Authorization[] {
  const found = new Set<string>();
  for (const name of ['GroupId', 'VpcId', 'SubnetId', 'VpcEndpointId', 'NetworkInterfaceId']) {
    for (const v of [...one(p, name), ...ids(p, name)]) if (ID_VALUE.test(v)) found.add(v);
  }
  if (found.size === 0) return [{ action, resource: '*', context: { 'ec2:Region': scope.region } }];
  return [...found].flatMap((id) => existing(scope, action, id));
}

export function ec2Authorizations(scope: Ec2Scope, operation: string, p: QueryParams): Authorization[] {
  const action = `ec2:${operation}`;
  if (!takesResources(action)) return [{ action, resource: '*', context: { 'ec2:Region': scope.region } }];
  return (MAPPERS[operation] ?? generic)(scope, action, p);
}
