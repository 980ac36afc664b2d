/**
 * The CLI's AWS clients: default credentials and region, and the local cloud whenever
 * `AWS_ENDPOINT_URL` is set (the SDK reads it itself). Built lazily, one per service and region.
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { EC2Client } from '@aws-sdk/client-ec2';
import { SFNClient } from '@aws-sdk/client-sfn';

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

export function awsClients(defaultRegion?: string, env: NodeJS.ProcessEnv = process.env): AwsClients {
  const made = new Map<string, { destroy(): void }>();
  function client<T extends { destroy(): void }>(kind: string, region: string | undefined, make: (cfg: { region?: string }) => T): T {
    const r = region ?? defaultRegion;
    const key = `${kind}/${r ?? ''}`;
    if (!made.has(key)) made.set(key, make(r ? { region: r } : {}));
    return made.get(key) as T;
  }
  const clients: AwsClients = {
    ec2: (region) => client('ec2', region, (cfg) => new EC2Client(cfg)),
    sfn: (region) => client('sfn', region, (cfg) => new SFNClient(cfg)),
    cloudFormation: (region) => client('cfn', region, (cfg) => new CloudFormationClient(cfg)),
    region: async () => {
      const r = clients.ec2().config.region;
      return typeof r === 'function' ? await r() : r;
    },
    local: Boolean(env.AWS_ENDPOINT_URL),
    destroy: () => { for (const c of made.values()) c.destroy(); made.clear(); },
  };
  return clients;
}
