import type { VpcCidrs } from '../../handlers/lib/cidr';
import { readFleetCidrs } from '../../handlers/lib/fleet-cidrs';
import { awsClients } from './aws-clients';
import { describeAwsFailure } from './aws-failures';
import { CliError } from './errors';

/**
 * The fleet as EC2 reports it: every VPC visible to the credentials (default, or `--profile`) in `region` (default: the
 * SDK's region) — or the local cloud when AWS_ENDPOINT_URL is set — with all CIDR associations in `associated` state.
 * Same reader as the DetectOverlaps step, so the CLI and the operator see the same fleet.
 */
export async function readFleetFromEc2(aws: { region?: string; profile?: string } = {}): Promise<VpcCidrs[]> {
  const clients = awsClients(aws.region, process.env, aws.profile);
  try {
    return await readFleetCidrs(clients.ec2(), undefined, await clients.region());
  } catch (error) {
    const failure = describeAwsFailure(error, 'DescribeVpcs');
    throw new CliError(failure.message, failure.exitCode);
  } finally {
    clients.destroy();
  }
}
