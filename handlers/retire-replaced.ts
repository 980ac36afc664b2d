/**
 * RetireReplaced: deletes the endpoints the endpoint planner marked for retirement, now that their
 * successor is Available and verified — so a change of subnets or security group never leaves the
 * VPC without egress. Deletes only endpoints that still carry our ownership tags for this VPC.
 * Transient failures (IncorrectState while the old endpoint changes state, throttling, 5xx) are retried
 * by the state's Retry; if they persist the VPC stays Ready with the failure in its reason and the
 * sweep deletes the extra endpoint (docs/design.md#errors).
 */
import { DeleteVpcEndpointsCommand } from '@aws-sdk/client-ec2';
import { ec2For } from './lib/aws-clients';
import { callAws } from './lib/aws/call';
import { listOwnedEndpoints } from './lib/aws/owned';
import { step } from './lib/step';

export const handler = step('RetireReplaced', async ({ state }) => {
  const wanted = new Set(state.endpoint?.retire ?? []);
  if (state.dryRun || !wanted.size) return { retired: [] };
  const client = ec2For(state);
  const owned = (await listOwnedEndpoints(client, state.vpcId))
    .map((e) => e.id).filter((id) => wanted.has(id) && id !== state.endpoint?.endpointId);
  if (owned.length) {
    await callAws('DeleteVpcEndpoints', () => client.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: owned })));
  }
  return { retired: owned };
});
