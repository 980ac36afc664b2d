/**
 * What doctor checks, from (first that answers): the flags, the variables the operator's functions
 * read (FLEET_TARGETS, MEMBER_EXTERNAL_ID, MEMBER_ROLE_NAME, RESOURCE_CONFIGURATION_ARN — set in a
 * shell from the function's configuration, and by the local cloud), then the CDK config file
 * (egress.config.json, or --config). Pure.
 */
import { ENV } from '../../../handlers/catalog';

export interface DoctorFlags {
  account?: string[];
  region?: string;
  profile?: string;
  externalId?: string;
  vpc?: string[];
  assumeRole?: string;
  memberProfile?: string[];
  config?: string;
  resourceConfiguration?: string;
  json?: boolean;
}

/** The keys of the CDK config doctor reads (infra/config.ts). */
export interface OperatorConfig {
  prefix: string;
  memberRoleName: string;
  memberExternalId?: string;
  memberAccounts: string[];
  fleetTargets: string[];
  organizationId?: string;
}

export interface DoctorTargets {
  prefix: string;
  memberRoleName: string;
  externalId?: string;
  externalIdFrom?: string;
  /** Member accounts to check (never the operator's own). */
  accounts: string[];
  /** Where the account list came from, or why it is empty. */
  accountsFrom: string;
  /** Only these VPCs (else every opted-in VPC found). */
  vpcs?: string[];
  assumeRole?: string;
  /** Member account → profile for the reads its member role may not make (its EventBridge rules). */
  memberProfiles: Record<string, string>;
  resourceConfiguration?: { arn: string; from: string };
  operatorStack: string;
  hubStack: string;
}

const accountOf = (target: string) => target.split(':')[0];

export function resolveTargets(flags: DoctorFlags, env: NodeJS.ProcessEnv, config: OperatorConfig, configName: string, operatorAccount: string): DoctorTargets {
  const others = (ids: string[]) => [...new Set(ids)].filter((a) => a !== operatorAccount);
  let accounts: string[];
  let accountsFrom: string;
  if (flags.account?.length) {
    [accounts, accountsFrom] = [others(flags.account), '--account'];
  } else if (env[ENV.fleetTargets]) {
    [accounts, accountsFrom] = [others(env[ENV.fleetTargets]!.split(',').map((t) => accountOf(t.trim())).filter(Boolean)), `$${ENV.fleetTargets}`];
  } else {
    accounts = others([...config.memberAccounts, ...config.fleetTargets.map(accountOf)]);
    accountsFrom = accounts.length || !config.organizationId ? configName : `${configName} names organization ${config.organizationId} but no accounts: pass --account`;
  }
  const externalId = flags.externalId ? [flags.externalId, '--external-id']
    : env[ENV.memberExternalId] ? [env[ENV.memberExternalId]!, `$${ENV.memberExternalId}`]
      : config.memberExternalId ? [config.memberExternalId, configName] : [];
  const rcfg = flags.resourceConfiguration ? { arn: flags.resourceConfiguration, from: '--resource-configuration' }
    : env[ENV.resourceConfigurationArn] ? { arn: env[ENV.resourceConfigurationArn]!, from: `$${ENV.resourceConfigurationArn}` } : undefined;
  return {
    prefix: config.prefix,
    memberRoleName: env[ENV.memberRoleName] || config.memberRoleName,
    ...(externalId.length ? { externalId: externalId[0], externalIdFrom: externalId[1] } : {}),
    accounts,
    accountsFrom,
    ...(flags.vpc?.length ? { vpcs: [...new Set(flags.vpc)] } : {}),
    ...(flags.assumeRole ?? env.EGRESS_DOCTOR_ROLE_ARN ? { assumeRole: flags.assumeRole ?? env.EGRESS_DOCTOR_ROLE_ARN } : {}),
    memberProfiles: Object.fromEntries((flags.memberProfile ?? []).map((p) => p.split('=', 2) as [string, string])),
    ...(rcfg ? { resourceConfiguration: rcfg } : {}),
    operatorStack: env.EGRESS_OPERATOR_STACK || 'EgressOperator',
    hubStack: env.EGRESS_HUB_STACK || 'EgressHub',
  };
}

