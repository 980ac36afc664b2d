/**
 * The hub's RAM share as a member account sees it: which pending invitations for the hub's own share
 * the operator accepts, and when the share cannot be used (docs/design.md#cross-account-and-regions).
 * https://docs.aws.amazon.com/ram/latest/userguide/working-with-shared-invitations.html
 */
export interface ShareInvitation { arn: string; shareArn: string; shareName?: string; status: string }

export type SharePlan = { kind: 'ok' } | { kind: 'accept'; invitationArns: string[] } | { kind: 'refused'; problem: string };

/**
 * The fix, short enough for a tag value beside an invitation ARN: sharing with accounts sends
 * invitations; sharing with the organization, once enabled in its management account, does not.
 */
export const shareFix = (account: string) =>
  `accept it in ${account} or run aws ram enable-sharing-with-aws-organization`;

/**
 * Invitations of the member account for the hub's shares (`shareArns`, those holding the resource
 * configuration): accept the pending ones; an invitation rejected or expired, with none accepted, means
 * the share never reaches the account. No invitation at all: organization sharing, nothing to do.
 */
export function planShareAcceptance(account: string, shareArns: string[], invitations: ShareInvitation[]): SharePlan {
  const ours = invitations.filter((i) => shareArns.includes(i.shareArn));
  if (!ours.length || ours.some((i) => i.status === 'ACCEPTED')) return { kind: 'ok' };
  const pending = ours.filter((i) => i.status === 'PENDING');
  if (pending.length) return { kind: 'accept', invitationArns: pending.map((i) => i.arn).sort() };
  const i = ours[0];
  return { kind: 'refused', problem: `hub share invitation ${i.arn} is ${i.status}: ask for a new one and ${shareFix(account)}` };
}

/** The member role may not accept the invitation (or it went away): what to tell the owner. */
export function acceptFailedProblem(account: string, invitationArn: string, code: string): string {
  return `cannot accept ${invitationArn} (${code}); ${shareFix(account)}`;
}
