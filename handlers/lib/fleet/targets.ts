/**
 * Where the sweep looks: `FLEET_TARGETS` = `account:region,…` (member accounts are reached through the
 * member role, handlers/lib/aws-clients.ts). Default: the operator's own account and region.
 */
import { ENV } from '../../catalog';

export interface FleetTarget { account: string; region: string }

const ACCOUNT = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

function parseFleetTargets(raw: string | undefined, fallback: FleetTarget): FleetTarget[] {
  const items = (raw ?? '').split(/[\s,]+/).filter(Boolean);
  if (!items.length) return [fallback];
  const out = new Map<string, FleetTarget>();
  for (const item of items) {
    const [account, region, extra] = item.split(':');
    if (extra !== undefined || !ACCOUNT.test(account ?? '') || !REGION.test(region ?? '')) {
      throw new Error(`${ENV.fleetTargets}: ${JSON.stringify(item)} is not account:region (123456789012:us-east-1)`);
    }
    out.set(item, { account, region });
  }
  return [...out.values()];
}

export function fleetTargetsFromEnv(env: NodeJS.ProcessEnv = process.env): FleetTarget[] {
  return parseFleetTargets(env[ENV.fleetTargets], {
    account: env[ENV.operatorAccountId] ?? '',
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
  });
}
