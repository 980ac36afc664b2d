import { CidrPlanError, InvalidVpcCidrError, type VpcCidrs } from '../../handlers/lib/cidr';
import { CliError, EXIT_FAILURE } from './errors';
import { readFleetFile } from './fleet-file';

export interface FleetSource {
  vpcs: VpcCidrs[];
  /** Where the fleet came from, for messages: the file name, or `the EC2 fleet`. */
  name: string;
}

/** `--input FILE` when given, else DescribeVpcs in `--region` with `--profile` (default: the SDK's) against AWS or the local cloud. */
export async function loadFleet(input: string | undefined, aws: { region?: string; profile?: string } = {}): Promise<FleetSource> {
  if (input !== undefined) return { vpcs: readFleetFile(input), name: input };
  // Loaded only here: it brings the EC2 SDK, which --input never needs.
  const { readFleetFromEc2 } = require('./fleet-ec2') as typeof import('./fleet-ec2');
  return { vpcs: await readFleetFromEc2(aws), name: 'the EC2 fleet' };
}

/** Run an engine call, turning its input errors into one-line CLI errors naming the source. */
export function withEngineErrors<T>(source: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof InvalidVpcCidrError) throw new CliError(`${source}: VPC ${error.message}`);
    if (error instanceof CidrPlanError) throw new CliError(error.message, EXIT_FAILURE);
    throw error;
  }
}
