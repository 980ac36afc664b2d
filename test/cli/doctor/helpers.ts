/**
 * A local cloud set up for `egress doctor` as a platform team would set up an account: a role under the
 * operator's IAM path (`/egress-operator/`) that the member roles trust and doctor assumes first, and
 * a named profile per member account (for the reads the member role may not make).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalCloud } from '../../../local/cloud';
import type { PolicyDocument } from '../../../local/iam/policy';
import { egress, type Result } from '../helpers/egress';

export const doctorRoleArn = (cloud: LocalCloud) => `arn:aws:iam::${cloud.accountId}:role/egress-operator/egress-doctor`;
export const memberRoleArn = (account: string) => `arn:aws:iam::${account}:role/egress-operator-member`;

/** The doctor role: trusted by the operator account, allowed to assume the member roles (and nothing else). */
export function addDoctorRole(cloud: LocalCloud): void {
  const doc = (statement: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [statement] }) as unknown as PolicyDocument;
  cloud.iam.roles.put({
    accountId: cloud.accountId, name: 'egress-doctor', path: '/egress-operator/', arn: doctorRoleArn(cloud), maxSessionSeconds: 3600,
    trustPolicy: doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${cloud.accountId}:root` }, Action: 'sts:AssumeRole' }),
    policies: [{ name: 'assume-member-roles', document: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/egress-operator-member' }) }],
  });
}

/** Shared config and credentials files with a profile `member-<account>` acting as each member account. */
export function memberProfiles(cloud: LocalCloud): { env: Record<string, string>; flags: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'egress-doctor-'));
  const names = cloud.memberAccountIds.map((a) => [a, `member-${a}`] as const);
  writeFileSync(join(dir, 'credentials'), names.map(([a, n]) => `[${n}]\naws_access_key_id = ${a}\naws_secret_access_key = local\n`).join(''));
  writeFileSync(join(dir, 'config'), names.map(([, n]) => `[profile ${n}]\nregion = ${cloud.region}\n`).join(''));
  return {
    env: { AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), AWS_CONFIG_FILE: join(dir, 'config') },
    flags: names.flatMap(([a, n]) => ['--member-profile', `${a}=${n}`]),
  };
}

export interface DoctorJson { checks: Array<{ name: string; status: 'ok' | 'fail' | 'skip'; detail: string; fix: string | null }> }

export async function doctorJson(args: string[], env: Record<string, string>): Promise<Result & { doc: DoctorJson }> {
  const r = await egress(['doctor', ...args, '--json'], env);
  return { ...r, doc: JSON.parse(r.stdout) as DoctorJson };
}

export const failures = (doc: DoctorJson) => doc.checks.filter((c) => c.status === 'fail');
