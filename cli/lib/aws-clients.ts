/**
 * The CLI's AWS clients: default credentials and region (or those of `--profile`), and the local cloud
 * whenever `AWS_ENDPOINT_URL` is set (the SDK reads it itself). Built lazily, one per service and
 * region; each SDK package is loaded only when its first client is made (start-up time).
 */
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { SFNClient } from '@aws-sdk/client-sfn';

// The SDK warns about Node 20 on stderr once per process; a CLI's stderr is for its own errors.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export interface AwsClients {
  ec2(region?: string): EC2Client;
  sfn(region?: string): SFNClient;
  cloudFormation(region?: string): CloudFormationClient;
  /** The region requests go to when none is named (flag, env or profile); throws if none is configured. */
  region(): Promise<string>;
  /** True when talking to the local cloud instead of AWS. */
  local: boolean;
  destroy(): void;
}

export interface ClientConfig { region?: string; profile?: string }

/** `defaultRegion` / `profile`: from --region / --profile; undefined leaves them to the SDK (AWS_REGION, AWS_PROFILE, …). */
export function awsClients(defaultRegion?: string, env: NodeJS.ProcessEnv = process.env, profile?: string): AwsClients {
  const made = new Map<string, { destroy(): void }>();
  function client<T extends { destroy(): void }>(kind: string, region: string | undefined, make: (cfg: ClientConfig) => T): T {
    const r = region ?? defaultRegion;
    const key = `${kind}/${r ?? ''}`;
    if (!made.has(key)) made.set(key, make({ ...(r ? { region: r } : {}), ...(profile ? { profile } : {}) }));
    return made.get(key) as T;
  }
  const clients: AwsClients = {
    ec2: (region) => client('ec2', region, (cfg) => new (require('@aws-sdk/client-ec2') as typeof import('@aws-sdk/client-ec2')).EC2Client(cfg)),
    sfn: (region) => client('sfn', region, (cfg) => new (require('@aws-sdk/client-sfn') as typeof import('@aws-sdk/client-sfn')).SFNClient(cfg)),
    cloudFormation: (region) => client('cfn', region, (cfg) =>
      new (require('@aws-sdk/client-cloudformation') as typeof import('@aws-sdk/client-cloudformation')).CloudFormationClient(cfg)),
    region: async () => {
      const r = clients.ec2().config.region;
      return typeof r === 'function' ? await r() : r;
    },
    local: Boolean(env.AWS_ENDPOINT_URL),
    destroy: () => { for (const c of made.values()) c.destroy(); made.clear(); },
  };
  return clients;
}
