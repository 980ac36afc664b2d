/**
 * The three stacks wired together: the operator reads the hub's VPC, probe security group and
 * resource configuration through cross-stack references, so hub and operator deploy to the same
 * account and region (deploy the hub first). The member stack stands alone (one per project account
 * and region, environment-agnostic: a StackSet template).
 */
import { App, Environment } from 'aws-cdk-lib';
import type { EgressConfig } from './config';
import { HubStack } from './stacks/hub-stack';
import { MemberStack } from './stacks/member-stack';
import { OperatorStack } from './stacks/operator-stack';

export const STACK_IDS = { hub: 'EgressHub', operator: 'EgressOperator', member: 'EgressMember' } as const;

export interface EgressAppOptions {
  /**
   * Account and region of hub and operator. Known (as `cdk deploy` knows them from the credentials),
   * the hub covers every AZ of the region; unknown, the synth is environment-agnostic.
   */
  env?: Environment;
  /** Prefix of the stack IDs (the acceptance test's stacks sit beside a real deployment). */
  idPrefix?: string;
}

/** Hub and operator: what one account and region runs. */
export function buildHubAndOperator(app: App, config: EgressConfig, options: EgressAppOptions = {}) {
  const id = (name: string) => (options.idPrefix ? `${options.idPrefix}${name.replace(/^Egress/, '')}` : name);
  const hub = new HubStack(app, id(STACK_IDS.hub), {
    config, env: options.env, description: 'egress-operator hub: VPC, NAT, Squid, VPC Lattice resource gateway and configuration',
  });
  const operator = new OperatorStack(app, id(STACK_IDS.operator), {
    config,
    env: options.env,
    description: 'egress-operator: reconcile workflows, handlers, tag-event rules, alarms',
    hub: {
      vpc: hub.vpc,
      probeSecurityGroup: hub.probeSecurityGroup,
      resourceConfigurationArn: hub.resourceConfigurationArn,
      resourceGatewayArn: hub.resourceGatewayArn,
    },
  });
  return { hub, operator };
}

export function buildEgressApp(app: App, config: EgressConfig, options: EgressAppOptions = {}) {
  const { hub, operator } = buildHubAndOperator(app, config, options);
  const member = new MemberStack(app, STACK_IDS.member, {
    config, description: 'egress-operator member account: tag-event forwarding and the operator role',
  });
  return { hub, operator, member };
}
