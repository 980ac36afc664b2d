/**
 * Owned live endpoints created before the run's own new endpoint that the run's plan never saw: EC2
 * lists a new endpoint late (handlers/lib/aws/settle.ts), e.g. one that a superseded run for an earlier
 * spec created a moment before, and a VPC never reconciled is not listed before creating at all (one a
 * crashed run left). The run created its endpoint to be the only one, so those older ones are retired
 * after its endpoint is verified, like any replaced endpoint. Newer ones belong to a newer change's run
 * and are left to it. Pure: `owned` is AwaitEndpoint's listing, in which its own endpoint already shows.
 */
import { isLive } from '../plan/readiness';
import type { ObservedEndpoint } from '../workflow-state';

export function olderUnplannedEndpoints(owned: ObservedEndpoint[], ours: string, planned: string[]): string[] {
  const created = owned.find((e) => e.id === ours)?.createdAt;
  if (!created) return [];
  return owned.filter((e) => e.id !== ours && isLive(e.state) && !planned.includes(e.id)
    && e.createdAt !== undefined && e.createdAt < created).map((e) => e.id);
}
