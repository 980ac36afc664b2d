/**
 * One line per reconcile-vpc execution of a VPC: the states it entered and the errors it met, from the
 * local cloud's execution history. For the chaos report (a VPC that did not converge) and for debugging.
 */
import type { LocalCloud } from '../local/cloud';

interface Entry { type: string; details?: Record<string, unknown> }

function step(e: Entry): string | undefined {
  const d = e.details ?? {};
  if (e.type.endsWith('StateEntered')) return String(d.name ?? '?');
  if (/Failed$|TimedOut$/.test(e.type) && typeof d.error === 'string') {
    const cause = typeof d.cause === 'string' ? d.cause : '';
    const message = /"errorMessage":"((?:[^"\\]|\\.)*)"/.exec(cause)?.[1] ?? cause;
    return `!${d.error}(${message.slice(0, 90)})`;
  }
  return undefined;
}

export function executionPaths(cloud: LocalCloud, vpcId: string): string[] {
  return cloud.stepFunctions.executions.list('reconcile-vpc')
    .filter((e) => e.name.startsWith(vpcId))
    .sort((a, b) => a.startDate - b.startDate)
    .map((e) => `${e.name} ${e.status}: ${(e.history.events as Entry[]).map(step).filter(Boolean).join(' > ')}`);
}
