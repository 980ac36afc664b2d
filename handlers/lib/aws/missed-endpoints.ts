/**
 * Owned live endpoints created before the run's own new endpoint that the run's plan never saw: EC2
 * lists a new endpoint late (handlers/lib/aws/settle.ts), e.g. one that a superseded run for an earlier
 * spec created a moment before. The run created its endpoint to be the only one, so those older ones are
 * retired after its endpoint is verified, like any replaced endpoint. Newer ones belong to a newer
 * change's run and are left to it.
 */
import type { EC2Client } from '@aws-sdk/client-ec2';
import { isLive } from '../plan/readiness';
import { listOwnedEndpoints } from './owned';
import { readUntilSettled } from './settle';

export async function olderUnplannedEndpoints(client: EC2Client, vpcId: string, ours: string, planned: string[]): Promise<string[]> {
  const { value: now } = await readUntilSettled(() => listOwnedEndpoints(client, vpcId), (l) => l.some((e) => e.id === ours));
  const created = now.find((e) => e.id === ours)?.createdAt;
  if (!created) return [];
  return now.filter((e) => e.id !== ours && isLive(e.state) && !planned.includes(e.id)
    && e.createdAt !== undefined && e.createdAt < created).map((e) => e.id);
}
