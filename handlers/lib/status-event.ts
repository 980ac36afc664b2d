/** The `Egress Proxy Status Changed` event (DESIGN.md §3) that people subscribe to. */
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { ENV } from '../catalog';
import { events } from './aws-clients';
import { callAws } from './aws-errors';
import { STATUS_EVENT_DETAIL_TYPE, STATUS_EVENT_SOURCE } from './event-patterns';

export interface StatusEventDetail {
  vpc: string;
  account?: string;
  region?: string;
  previousState: string | null;
  /** null when the operator removed its status (opt-out finished). */
  state: string | null;
  reason: string | null;
  proxy: string | null;
  execution: string;
}

export async function publishStatusEvent(detail: StatusEventDetail): Promise<void> {
  const out = await callAws('PutEvents', () => events.send(new PutEventsCommand({
    Entries: [{
      Source: STATUS_EVENT_SOURCE,
      DetailType: STATUS_EVENT_DETAIL_TYPE,
      Detail: JSON.stringify(detail),
      Resources: detail.account && detail.region ? [`arn:aws:ec2:${detail.region}:${detail.account}:vpc/${detail.vpc}`] : [],
      EventBusName: process.env[ENV.statusEventBusName] || undefined,
    }],
  })));
  if (out.FailedEntryCount) {
    throw new Error(`status event rejected: ${out.Entries?.[0]?.ErrorCode} ${out.Entries?.[0]?.ErrorMessage}`);
  }
}
