/**
 * The SDK clients doctor uses for one set of credentials (the caller's, a `--member-profile`, or an
 * assumed member role) in one region, made on first use and closed together; and `observe`, which
 * turns a call's failure into an observation instead of an exception.
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { EC2Client } from '@aws-sdk/client-ec2';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { RAMClient } from '@aws-sdk/client-ram';
import { SFNClient } from '@aws-sdk/client-sfn';
import { STSClient } from '@aws-sdk/client-sts';
import { VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { failed, type Observed } from './check';

// The SDK warns about Node 20 on stderr once per client; a CLI's stderr is for its own errors (as cli/lib/aws-clients.ts).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export interface SessionCredentials { accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date }

/** Region (undefined: the SDK's default chain) and where credentials come from (a profile, a session, or the default chain). */
export interface ClientSource { region?: string; profile?: string; credentials?: SessionCredentials }

interface Destroyable { destroy(): void }
type ClientConfig = { region?: string; profile?: string; credentials?: SessionCredentials | ReturnType<typeof defaultProvider> };

/**
 * A named profile's credentials. A profile named on the command line wins over AWS_ACCESS_KEY_ID in the
 * environment, as the SDK does; its console warning about "multiple credential sources" is not shown.
 */
function profileCredentials(profile: string) {
  const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
  return defaultProvider({ profile, logger: quiet });
}

export class DoctorClients {
  private readonly made = new Map<string, Destroyable>();

  constructor(readonly source: ClientSource) {}

  private get<T extends Destroyable>(kind: string, make: (cfg: ClientConfig) => T): T {
    if (!this.made.has(kind)) {
      const { region, profile, credentials } = this.source;
      this.made.set(kind, make({ ...(region ? { region } : {}), ...(profile ? { profile, credentials: profileCredentials(profile) } : {}), ...(credentials ? { credentials } : {}) }));
    }
    return this.made.get(kind) as T;
  }

  sts(): STSClient { return this.get('sts', (c) => new STSClient(c)); }
  ec2(): EC2Client { return this.get('ec2', (c) => new EC2Client(c)); }
  events(): EventBridgeClient { return this.get('events', (c) => new EventBridgeClient(c)); }
  lattice(): VPCLatticeClient { return this.get('lattice', (c) => new VPCLatticeClient(c)); }
  ram(): RAMClient { return this.get('ram', (c) => new RAMClient(c)); }
  sfn(): SFNClient { return this.get('sfn', (c) => new SFNClient(c)); }
  cloudFormation(): CloudFormationClient { return this.get('cfn', (c) => new CloudFormationClient(c)); }

  /** The region the clients send to (the SDK's when none was given); throws when none is configured. */
  async region(): Promise<string> {
    const r = this.ec2().config.region;
    return typeof r === 'function' ? r() : r;
  }

  destroy(): void {
    for (const c of this.made.values()) c.destroy();
    this.made.clear();
  }
}

/** Run one AWS call; its error becomes an observation (`code` is the SDK error's name). */
export async function observe<T>(call: () => Promise<T>): Promise<Observed<T>> {
  try {
    return { value: await call() };
  } catch (err) {
    const e = err as { name?: string; Code?: string; message?: string };
    return failed(e.Code ?? e.name ?? 'Error', String(e.message ?? err));
  }
}
