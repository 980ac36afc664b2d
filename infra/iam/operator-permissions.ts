/**
 * The policy of one operator function, from the actions the catalog lists for it: EC2 through
 * ec2-permissions.ts, everything else scoped to the one resource of ours it may touch.
 * An action with no rule here is granted on "*" and reported, so cdk-nag fails the build until
 * someone writes its rule: a new catalog entry cannot silently get broad rights.
 */
import { Annotations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { ec2Statements } from './ec2-permissions';
import { hubInvitationArns } from './ram-permissions';

export interface OperatorScope {
  partition: string;
  account: string;
  region: string;
  resourceConfigurationArn: string;
  resourceGatewayArn: string;
  /** Every state machine of the operator (fixed names, so known before they exist). */
  stateMachineArns: string[];
  statusEventBusArn: string;
  /** Member role ARNs the functions may assume (empty: single account). */
  memberRoleArns: string[];
  /** With an organization-wide member role ARN (`iam::*:role/…`): only roles in this organization may be assumed. */
  memberOrganizationId?: string;
  /** The fleet snapshot object (`arn:…:s3:::<bucket>/fleet/snapshot.json`), the only S3 resource the functions touch. */
  snapshotObjectsArn?: string;
}

export function operatorStatements(actions: string[], scope: OperatorScope, owner?: IConstruct): iam.PolicyStatement[] {
  const out = ec2Statements(actions, scope);
  const other = [...new Set(actions.filter((a) => !a.startsWith('ec2:')))].sort();
  const byResource = new Map<string, { actions: string[]; resources: string[] }>();
  const add = (action: string, resources: string[]) => {
    const key = resources.join('|');
    const entry = byResource.get(key) ?? { actions: [], resources };
    entry.actions.push(action);
    byResource.set(key, entry);
  };
  const executions = scope.stateMachineArns.map((arn) => `${arn.replace(':stateMachine:', ':execution:')}:*`);
  for (const action of other) {
    if (action === 'vpc-lattice:GetResourceConfiguration') add(action, [scope.resourceConfigurationArn]);
    else if (action === 'vpc-lattice:GetResourceGateway') add(action, [scope.resourceGatewayArn]);
    else if (action === 'events:PutEvents') add(action, [scope.statusEventBusArn]);
    else if ((action === 's3:GetObject' || action === 's3:PutObject') && scope.snapshotObjectsArn) add(action, [scope.snapshotObjectsArn]);
    else if (/^states:(StartExecution|ListExecutions|DescribeStateMachine|StartSyncExecution)$/.test(action)) {
      add(action, scope.stateMachineArns);
    } else if (/^states:(DescribeExecution|StopExecution|GetExecutionHistory)$/.test(action)) add(action, executions);
    // RAM reads name no resource type (Service Authorization Reference); accepting is limited to
    // invitations this account sent (a member's are the member role's, infra/iam/ram-permissions.ts).
    else if (action === 'ram:GetResourceShareAssociations' || action === 'ram:GetResourceShareInvitations') add(action, ['*']);
    else if (action === 'ram:AcceptResourceShareInvitation') add(action, [hubInvitationArns(scope.partition, scope.account)]);
    else if (action.startsWith('vpc-lattice:')) {
      add(action, [`arn:${scope.partition}:vpc-lattice:${scope.region}:${scope.account}:*`]);
    } else {
      if (owner) Annotations.of(owner).addWarningV2('egress:UnscopedAction', `${action} has no scoping rule in infra/iam/operator-permissions.ts; granted on *`);
      add(action, ['*']);
    }
  }
  for (const { actions: a, resources } of byResource.values()) {
    out.push(new iam.PolicyStatement({ actions: a, resources }));
  }
  // Cross-account: the handlers assume the member role when a VPC lives in another account.
  const touchesVpcs = actions.some((a) => a.startsWith('ec2:'));
  if (touchesVpcs && scope.memberRoleArns.length) {
    out.push(new iam.PolicyStatement({
      sid: 'AssumeMemberRole',
      actions: ['sts:AssumeRole'],
      resources: scope.memberRoleArns,
      ...(scope.memberOrganizationId ? { conditions: { StringEquals: { 'aws:ResourceOrgID': scope.memberOrganizationId } } } : {}),
    }));
  }
  return out;
}
