/**
 * Seeding beyond the hub (docs/local-cloud.md#seeded-accounts): the organization, member accounts'
 * project VPCs, and the hub's RAM share of its resource configuration as the Hub stack creates it
 * (infra/constructs/resource-share.ts: principals = accounts and/or the organization ARN,
 * allowExternalPrincipals only when no organization is named).
 */
import type { Ec2Store } from './ec2/store';
import { zonesOf } from './ec2/az';
import type { Organization, RamStore, ResourceShareRecord } from './ram/store';
import { LOCAL_ORGANIZATION_ARN, LOCAL_ORGANIZATION_ID } from './accounts';
import { OPERATOR_BUS_NAME } from './accounts-events';
import { hubShareName } from '../infra/share-name';

/** How the hub shares its resource configuration with the member accounts. */
export type HubShareMode =
  /** With the organization, sharing with AWS Organizations enabled: usable at once. */
  | 'organization'
  /** With each member account, organization sharing off: invitations stay PENDING until accepted. */
  | 'invitations';

export function localOrganization(operatorAccountId: string, memberAccountIds: string[], sharingEnabled: boolean): Organization {
  return {
    arn: LOCAL_ORGANIZATION_ARN, id: LOCAL_ORGANIZATION_ID, managementAccountId: operatorAccountId,
    accounts: [operatorAccountId, ...memberAccountIds], sharingEnabled,
  };
}

export function seedHubShare(ram: RamStore, input: {
  operatorAccountId: string; region: string; resourceConfigurationArn: string; memberAccountIds: string[]; mode: HubShareMode;
}): ResourceShareRecord | undefined {
  if (input.memberAccountIds.length === 0) return undefined; // single-account setups need no share
  const organization = input.mode === 'organization' ? ram.organization?.arn : undefined;
  return ram.createResourceShare({
    owningAccountId: input.operatorAccountId,
    region: input.region,
    name: hubShareName(OPERATOR_BUS_NAME), // the bus and the share both carry the default prefix
    resourceArns: [input.resourceConfigurationArn],
    principals: organization ? [organization] : input.memberAccountIds,
    allowExternalPrincipals: organization === undefined,
  });
}

/**
 * `n` project VPCs of one member account, all 10.0.0.0/16, with one subnet in every AZ name that account
 * sees (10.0.1.0/24 in …a, 10.0.2.0/24 in …b, …), Name=`<prefix>-i`, not opted in.
 */
export function seedMemberProjects(ec2: Ec2Store, n: number, prefix: string): string[] {
  const ids: string[] = [];
  for (let i = 1; i <= n; i++) {
    const vpc = ec2.createVpc({ cidrBlock: '10.0.0.0/16', tags: { Name: `${prefix}-${i}` } });
    zonesOf(ec2.region, ec2.accountId).forEach((zone, k) => {
      ec2.createSubnet({ vpcId: vpc.id, cidrBlock: `10.0.${k + 1}.0/24`, availabilityZone: zone.name, tags: { Name: `${prefix}-${i}-${zone.name.slice(-1)}` } });
    });
    ids.push(vpc.id);
  }
  return ids;
}
