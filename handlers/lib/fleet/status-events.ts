/** Status events (DESIGN.md §3) for many VPCs at once: PutEvents takes up to 10 entries per call. */
import { PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { ENV } from '../../catalog';
import { events } from '../aws-clients';
import { callAws } from '../aws-errors';
import { STATUS_EVENT_DETAIL_TYPE, STATUS_EVENT_SOURCE } from '../event-patterns';
import type { StatusEventDetail } from '../status-event';

const BATCH = 10;

/** Returns how many entries EventBridge rejected (logged by the caller; the tags are already written). */
export async function publishStatusEvents(details: StatusEventDetail[]): Promise<number> {
  let failed = 0;
  for (let i = 0; i < details.length; i += BATCH) {
    const Entries: PutEventsRequestEntry[] = details.slice(i, i + BATCH).map((d) => ({
      Source: STATUS_EVENT_SOURCE,
      DetailType: STATUS_EVENT_DETAIL_TYPE,
      Detail: JSON.stringify(d),
      Resources: d.account && d.region ? [`arn:aws:ec2:${d.region}:${d.account}:vpc/${d.vpc}`] : [],
      EventBusName: process.env[ENV.statusEventBusName] || undefined,
    }));
    const out = await callAws('PutEvents', () => events.send(new PutEventsCommand({ Entries })));
    failed += out.FailedEntryCount ?? 0;
  }
  return failed;
}
