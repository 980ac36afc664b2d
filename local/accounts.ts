/**
 * The accounts of the local cloud: the hub/operator account and the member accounts whose project VPCs
 * the operator serves (docs/local-cloud.md#accounts-and-principals). A 12-digit access key ID acts as
 * that account; any other key acts as the operator account.
 */
export const OPERATOR_ACCOUNT = '123456789012';

/** Member accounts seeded by default (each with its own project VPCs on 10.0.0.0/16). */
export const MEMBER_ACCOUNTS: readonly string[] = ['210987654321', '345678901234'];

const ACCOUNT_ID = /^\d{12}$/;

export function isAccountId(value: string): boolean {
  return ACCOUNT_ID.test(value);
}

/** The member role name the operator assumes (infra/config.ts `memberRoleName` default). */
export const MEMBER_ROLE_NAME = 'egress-operator-member';

/** The ExternalId the local operator passes and the seeded member roles require (16+ characters, as infra/config.ts demands). */
export const LOCAL_MEMBER_EXTERNAL_ID = 'egress-local-member-external-id';

/** The organization every seeded account belongs to, managed by the operator account. */
export const LOCAL_ORGANIZATION_ID = 'o-egresslocal01';
export const LOCAL_ORGANIZATION_ARN = `arn:aws:organizations::${OPERATOR_ACCOUNT}:organization/${LOCAL_ORGANIZATION_ID}`;
