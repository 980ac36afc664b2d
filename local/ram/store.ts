/**
 * AWS RAM resource shares, in memory, for every account and Region of the local cloud
 * (docs/local-cloud.md#ram). A share belongs to one account in one Region and names resources and
 * principals (account IDs or the organization ARN). Who can use a shared resource follows the RAM User
 * Guide (https://docs.aws.amazon.com/ram/latest/userguide/working-with-sharing.html):
 * - a principal inside the owner's organization, with sharing with AWS Organizations enabled, gets the
 *   share at once (association ASSOCIATED, no invitation);
 * - any other account gets an invitation, PENDING until it accepts; its association stays ASSOCIATING
 *   until then (https://docs.aws.amazon.com/ram/latest/userguide/working-with-shared-invitations.html);
 * - sharing with an account outside the organization needs allowExternalPrincipals.
 */
import { randomUUID } from 'node:crypto';

export interface Organization {
  arn: string;
  id: string;
  managementAccountId: string;
  accounts: string[];
  /** EnableSharingWithAwsOrganization has been called (RAM shares inside the organization need no invitation). */
  sharingEnabled: boolean;
}

export type AssociationStatus = 'ASSOCIATING' | 'ASSOCIATED' | 'DISASSOCIATED';
export type InvitationStatus = 'PENDING' | 'ACCEPTED' | 'REJECTED';

export interface ShareAssociation {
  associatedEntity: string;
  associationType: 'PRINCIPAL' | 'RESOURCE';
  status: AssociationStatus;
  external: boolean;
  creationTime: Date;
  lastUpdatedTime: Date;
}

export interface ResourceShareRecord {
  arn: string;
  name: string;
  owningAccountId: string;
  region: string;
  allowExternalPrincipals: boolean;
  associations: ShareAssociation[];
  creationTime: Date;
}

export interface InvitationRecord {
  arn: string;
  shareArn: string;
  senderAccountId: string;
  receiverAccountId: string;
  status: InvitationStatus;
  invitationTimestamp: Date;
}

export class RamError extends Error {
  constructor(readonly code: string, message: string, readonly status = 400) {
    super(message);
    this.name = 'RamError';
  }
}

export interface CreateShareInput {
  owningAccountId: string;
  region: string;
  name: string;
  resourceArns: string[];
  principals: string[];
  allowExternalPrincipals?: boolean;
}

const ACCOUNT = /^\d{12}$/;

export class RamStore {
  readonly shares = new Map<string, ResourceShareRecord>();
  readonly invitations = new Map<string, InvitationRecord>();

  constructor(readonly organization?: Organization) {}

  private inOrganization(accountId: string): boolean {
    return this.organization?.accounts.includes(accountId) ?? false;
  }

  createResourceShare(input: CreateShareInput): ResourceShareRecord {
    const now = new Date();
    const arn = `arn:aws:ram:${input.region}:${input.owningAccountId}:resource-share/${randomUUID()}`;
    const share: ResourceShareRecord = {
      arn, name: input.name, owningAccountId: input.owningAccountId, region: input.region,
      allowExternalPrincipals: input.allowExternalPrincipals ?? true, associations: [], creationTime: now,
    };
    for (const resourceArn of input.resourceArns) {
      share.associations.push({ associatedEntity: resourceArn, associationType: 'RESOURCE', status: 'ASSOCIATED', external: false, creationTime: now, lastUpdatedTime: now });
    }
    for (const principal of input.principals) share.associations.push(this.principalAssociation(share, principal, now));
    this.shares.set(arn, share);
    return share;
  }

  private principalAssociation(share: ResourceShareRecord, principal: string, now: Date): ShareAssociation {
    const org = this.organization;
    const ownerInOrg = this.inOrganization(share.owningAccountId);
    if (principal === org?.arn) {
      if (!ownerInOrg) throw new RamError('InvalidParameter', `The organization ${principal} is not the organization of account ${share.owningAccountId}.`);
      return { associatedEntity: principal, associationType: 'PRINCIPAL', status: 'ASSOCIATED', external: false, creationTime: now, lastUpdatedTime: now };
    }
    if (!ACCOUNT.test(principal)) throw new RamError('InvalidParameter', `Principal ${principal} is not an account ID or the organization ARN.`);
    const external = !(ownerInOrg && this.inOrganization(principal));
    if (external && !share.allowExternalPrincipals) {
      throw new RamError('OperationNotPermittedException', `The resource share ${share.arn} does not allow external principals; ${principal} is outside the organization.`);
    }
    const immediate = !external && org!.sharingEnabled;
    if (!immediate) {
      const arn = `arn:aws:ram:${share.region}:${share.owningAccountId}:resource-share-invitation/${randomUUID()}`;
      this.invitations.set(arn, { arn, shareArn: share.arn, senderAccountId: share.owningAccountId, receiverAccountId: principal, status: 'PENDING', invitationTimestamp: now });
    }
    return { associatedEntity: principal, associationType: 'PRINCIPAL', status: immediate ? 'ASSOCIATED' : 'ASSOCIATING', external, creationTime: now, lastUpdatedTime: now };
  }

  /** AcceptResourceShareInvitation, by the receiving account. */
  acceptInvitation(accountId: string, region: string, invitationArn: string): InvitationRecord {
    const inv = this.invitations.get(invitationArn);
    if (!inv || inv.receiverAccountId !== accountId || regionOf(inv.arn) !== region) {
      throw new RamError('ResourceShareInvitationArnNotFoundException', `The resource share invitation ARN ${invitationArn} could not be found.`);
    }
    if (inv.status === 'ACCEPTED') throw new RamError('ResourceShareInvitationAlreadyAcceptedException', `The invitation ${invitationArn} was already accepted.`);
    if (inv.status === 'REJECTED') throw new RamError('ResourceShareInvitationAlreadyRejectedException', `The invitation ${invitationArn} was already rejected.`);
    inv.status = 'ACCEPTED';
    const share = this.shares.get(inv.shareArn)!;
    for (const a of share.associations) {
      if (a.associationType === 'PRINCIPAL' && a.associatedEntity === accountId) {
        a.status = 'ASSOCIATED';
        a.lastUpdatedTime = new Date();
      }
    }
    return inv;
  }

  /** Shares of `region` that reach `accountId` as a principal whose association is ASSOCIATED. */
  sharesReaching(accountId: string, region: string): ResourceShareRecord[] {
    return [...this.shares.values()].filter((s) => s.region === region && s.owningAccountId !== accountId &&
      s.associations.some((a) => a.associationType === 'PRINCIPAL' && a.status === 'ASSOCIATED' &&
        (a.associatedEntity === accountId || (a.associatedEntity === this.organization?.arn && this.inOrganization(accountId)))));
  }

  /** Whether `accountId` may use `resourceArn` (owned, or shared with it and accepted). */
  canUse(accountId: string, region: string, resourceArn: string, ownerAccountId: string): boolean {
    if (ownerAccountId === accountId) return true;
    return this.sharesReaching(accountId, region).some((s) =>
      s.associations.some((a) => a.associationType === 'RESOURCE' && a.associatedEntity === resourceArn && a.status === 'ASSOCIATED'));
  }

  /** The share an invitation belongs to, for IAM's RAM condition keys. */
  invitationShare(invitationArn: string): { name: string; ownerAccountId: string } | undefined {
    const inv = this.invitations.get(invitationArn);
    const share = inv && this.shares.get(inv.shareArn);
    return share ? { name: share.name, ownerAccountId: share.owningAccountId } : undefined;
  }

  invitationsFor(accountId: string, region: string): InvitationRecord[] {
    return [...this.invitations.values()].filter((i) => i.receiverAccountId === accountId && regionOf(i.arn) === region);
  }
}

export function regionOf(arn: string): string {
  return arn.split(':')[3] ?? '';
}
