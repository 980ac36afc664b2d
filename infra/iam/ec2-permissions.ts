/**
 * Least-privilege EC2 statements for the actions a handler calls (handlers/catalog.ts), shared by
 * the operator's function roles (own account) and the member role (project accounts).
 *
 * - Describe*: EC2 has no resource-level permissions for them, so Resource "*".
 * - Destructive actions (Delete*, Modify*, Revoke*, and Authorize* on security groups) only on
 *   resources tagged `egress-proxy:managed-by=egress-operator`: the operator never touches what it
 *   does not own, even when a handler has a bug.
 * - Creating a security group or endpoint requires the ownership tags in the request, and tagging
 *   on create is allowed only within those create calls (`ec2:CreateAction`).
 * - Tags on the project VPC (which the operator does not own): only keys `egress-proxy*`.
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import { MANAGER_NAME, OWNERSHIP_KEYS, STATUS_KEYS } from '../../handlers/lib/tags';

export interface Ec2Scope {
  partition: string;
  /** Account whose resources the role acts on. */
  account: string;
}

const OWNED = { StringEquals: { [`aws:ResourceTag/${OWNERSHIP_KEYS.managedBy}`]: MANAGER_NAME } };
const OWNED_IN_REQUEST = {
  StringEquals: { [`aws:RequestTag/${OWNERSHIP_KEYS.managedBy}`]: MANAGER_NAME },
  StringLike: { [`aws:RequestTag/${OWNERSHIP_KEYS.owner}`]: 'vpc-*' },
};
/** Status keys all start with the proxy key (`egress-proxy`, `egress-proxy:state`, …). */
export const STATUS_TAG_PATTERN = `${STATUS_KEYS.proxy}*`;
const STATUS_KEYS_ONLY = { 'ForAllValues:StringLike': { 'aws:TagKeys': [STATUS_TAG_PATTERN] } };

/** Resource type each mutating action is authorized on (EC2 Service Authorization Reference). */
const MUTATION_TARGETS: Record<string, string[]> = {
  'ec2:DeleteVpcEndpoints': ['vpc-endpoint'],
  'ec2:ModifyVpcEndpoint': ['vpc-endpoint', 'security-group'],
  'ec2:DeleteSecurityGroup': ['security-group'],
  'ec2:AuthorizeSecurityGroupIngress': ['security-group'],
  'ec2:AuthorizeSecurityGroupEgress': ['security-group'],
  'ec2:RevokeSecurityGroupIngress': ['security-group'],
  'ec2:RevokeSecurityGroupEgress': ['security-group'],
  'ec2:ModifySecurityGroupRules': ['security-group'],
};

export function isDestructive(action: string): boolean {
  return /^ec2:(Delete|Modify|Revoke)/.test(action);
}

export function ec2Statements(actions: string[], scope: Ec2Scope): iam.PolicyStatement[] {
  const arn = (type: string) => `arn:${scope.partition}:ec2:*:${scope.account}:${type}/*`;
  const ec2 = [...new Set(actions.filter((a) => a.startsWith('ec2:')))].sort();
  const out: iam.PolicyStatement[] = [];
  const describes = ec2.filter((a) => a.startsWith('ec2:Describe'));
  if (describes.length) out.push(new iam.PolicyStatement({ sid: 'Describe', actions: describes, resources: ['*'] }));

  const creates: string[] = ec2.filter((a) => a === 'ec2:CreateSecurityGroup' || a === 'ec2:CreateVpcEndpoint');
  if (creates.includes('ec2:CreateSecurityGroup')) {
    out.push(new iam.PolicyStatement({ sid: 'CreateSecurityGroupInProjectVpc', actions: ['ec2:CreateSecurityGroup'], resources: [arn('vpc')] }));
    out.push(new iam.PolicyStatement({
      sid: 'CreateOwnedSecurityGroup', actions: ['ec2:CreateSecurityGroup'], resources: [arn('security-group')], conditions: OWNED_IN_REQUEST,
    }));
  }
  if (creates.includes('ec2:CreateVpcEndpoint')) {
    out.push(new iam.PolicyStatement({
      sid: 'CreateOwnedEndpoint', actions: ['ec2:CreateVpcEndpoint'], resources: [arn('vpc-endpoint')], conditions: OWNED_IN_REQUEST,
    }));
    out.push(new iam.PolicyStatement({
      sid: 'CreateEndpointInProjectVpc', actions: ['ec2:CreateVpcEndpoint'], resources: [arn('vpc'), arn('subnet')],
    }));
    out.push(new iam.PolicyStatement({
      sid: 'CreateEndpointWithOwnedSecurityGroup', actions: ['ec2:CreateVpcEndpoint'], resources: [arn('security-group')], conditions: OWNED,
    }));
    // Nothing else: the Service Authorization Reference lists no dependent action for CreateVpcEndpoint
    // and no VPC Lattice action for resource endpoints (its one permission-only association action,
    // vpc-lattice:CreateServiceNetworkVpcEndpointAssociation, is for endpoints of type ServiceNetwork);
    // infra/README.md says what stays unconfirmed. test/infra/iam-coverage.test.ts checks this from that data.
  }

  for (const action of ['ec2:CreateTags', 'ec2:DeleteTags'].filter((a) => ec2.includes(a))) {
    const verb = action.slice(4);
    out.push(new iam.PolicyStatement({
      sid: `${verb}StatusOnProjectVpc`, actions: [action], resources: [arn('vpc')],
      conditions: { ...STATUS_KEYS_ONLY, Null: { 'aws:TagKeys': 'false' } },
    }));
    out.push(new iam.PolicyStatement({
      sid: `${verb}OnOwnedResources`, actions: [action], resources: [arn('security-group'), arn('vpc-endpoint')], conditions: OWNED,
    }));
    if (action === 'ec2:CreateTags' && creates.length) {
      out.push(new iam.PolicyStatement({
        sid: 'TagOnCreate', actions: ['ec2:CreateTags'], resources: [arn('security-group'), arn('vpc-endpoint')],
        conditions: { StringEquals: { 'ec2:CreateAction': creates.map((a) => a.slice(4)) } },
      }));
    }
  }

  const mutations = ec2.filter((a) => !describes.includes(a) && !creates.includes(a) && a !== 'ec2:CreateTags' && a !== 'ec2:DeleteTags');
  for (const action of mutations) {
    const types = MUTATION_TARGETS[action];
    out.push(new iam.PolicyStatement({
      sid: `${action.slice(4)}Owned`,
      actions: [action],
      // An action we have no mapping for still gets the ownership condition, on any resource type.
      resources: types ? types.map(arn) : [`arn:${scope.partition}:ec2:*:${scope.account}:*`],
      conditions: OWNED,
    }));
  }
  return out;
}
