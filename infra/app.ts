/**
 * The three stacks wired together: the operator reads the hub's VPC, probe security group and
 * resource configuration through cross-stack references, so hub and operator deploy to the same
 * account and region (deploy the hub first). The member stack stands alone (one per project account).
 */
import { App } from 'aws-cdk-lib';
import type { EgressConfig } from './config';
import { HubStack } from './stacks/hub-stack';
import { MemberStack } from './stacks/member-stack';
import { OperatorStack } from './stacks/operator-stack';

export const STACK_IDS = { hub: 'EgressHub', operator: 'EgressOperator', member: 'EgressMember' } as const;

export function buildEgressApp(app: App, config: EgressConfig) {
  const hub = new HubStack(app, STACK_IDS.hub, {
    config, description: 'egress-operator hub: VPC, NAT, Squid, VPC Lattice resource gateway and configuration',
  });
  const operator = new OperatorStack(app, STACK_IDS.operator, {
    config,
    description: 'egress-operator: reconcile workflows, handlers, tag-event rules, alarms',
    hub: {
      vpc: hub.vpc,
      probeSecurityGroup: hub.probeSecurityGroup,
      resourceConfigurationArn: hub.resourceConfigurationArn,
      resourceGatewayArn: hub.resourceGatewayArn,
    },
  });
  const member = new MemberStack(app, STACK_IDS.member, {
    config, description: 'egress-operator member account: tag-event forwarding and the operator role',
  });
  return { hub, operator, member };
}
