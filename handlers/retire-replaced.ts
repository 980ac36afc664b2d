/**
 * RetireReplaced: deletes the endpoints EnsureEndpoint replaced, once their successor is Available
 * and verified — so a change of subnets or security group never leaves the VPC without egress.
 * Deletes only endpoints that still carry our ownership tags for this VPC.
 */
import { DeleteVpcEndpointsCommand, paginateDescribeVpcEndpoints } from '@aws-sdk/client-ec2';
import { ec2For } from './lib/aws-clients';
import { callAws } from './lib/aws-errors';
import { step } from './lib/step';
import { ownedFilters } from './lib/tags';

export const handler = step('RetireReplaced', async ({ state }) => {
  const wanted = new Set(state.endpoint?.retire ?? []);
  if (state.dryRun || !wanted.size) return { retired: [] };
  const client = ec2For(state);
  const owned: string[] = [];
  for await (const page of paginateDescribeVpcEndpoints({ client }, { Filters: ownedFilters(state.vpcId) })) {
    for (const e of page.VpcEndpoints ?? []) if (wanted.has(e.VpcEndpointId!) && e.VpcEndpointId !== state.endpoint?.endpointId) owned.push(e.VpcEndpointId!);
  }
  if (owned.length) {
    await callAws('DeleteVpcEndpoints', () => client.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: owned })));
  }
  return { retired: owned };
});
