/**
 * SDK clients at module scope (Lambda reuses them across invocations). VPCs in another account are
 * reached through the member role, assumed with an ExternalId and cached per account
 * (docs/design.md#cross-account-and-regions).
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SFNClient } from '@aws-sdk/client-sfn';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';
import { ENV } from '../catalog';
import { invocationCredentials } from './invocation-credentials';
import { roleArn } from './aws/arns';

export const ec2 = new EC2Client({ credentials: invocationCredentials });
export const lattice = new VPCLatticeClient({ credentials: invocationCredentials });
export const sfn = new SFNClient({ credentials: invocationCredentials });
export const events = new EventBridgeClient({ credentials: invocationCredentials });
const sts = new STSClient({ credentials: invocationCredentials });

export interface Target { account?: string; region?: string }

const memberClients = new Map<string, EC2Client>();

/** The EC2 client for the account and region a VPC lives in. */
export function ec2For(target: Target): EC2Client {
  const own = process.env[ENV.operatorAccountId];
  const region = target.region;
  const sameAccount = !target.account || !own || target.account === own;
  const sameRegion = !region || region === process.env.AWS_REGION;
  if (sameAccount && sameRegion) return ec2;
  const key = `${target.account ?? own}/${region ?? process.env.AWS_REGION}`;
  let client = memberClients.get(key);
  if (!client) {
    client = new EC2Client({
      region,
      ...(sameAccount ? { credentials: invocationCredentials } : { credentials: memberCredentials(target.account!, region) }),
    });
    memberClients.set(key, client);
  }
  return client;
}

/** Credentials of the member role in `account` (also used by the RAM adapter, handlers/lib/aws/ram.ts). */
export function memberCredentials(account: string, region: string | undefined) {
  const roleName = process.env[ENV.memberRoleName];
  if (!roleName) {
    throw new Error(`VPC is in account ${account} but ${ENV.memberRoleName} is not set: deploy the member stack there`);
  }
  // The SDK memoizes a credential provider until `expiration`, so this runs about once an hour.
  return async () => {
    const out = await sts.send(new AssumeRoleCommand({
      RoleArn: roleArn(region ?? process.env.AWS_REGION, account, roleName),
      RoleSessionName: 'egress-operator',
      ExternalId: process.env[ENV.memberExternalId],
    }));
    const c = out.Credentials!;
    return {
      accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken, expiration: c.Expiration,
    };
  };
}
