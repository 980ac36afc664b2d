/**
 * The `Egress Proxy Status Changed` event (docs/design.md#tag-contract) that people subscribe to: one
 * entry builder for PublishStatus (one VPC) and MarkProxyHealth (many; PutEvents takes up to 10
 * entries per call). https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html
 */
import { PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { ENV } from '../../catalog';
import { events } from '../aws-clients';
import { STATUS_EVENT_DETAIL_TYPE, STATUS_EVENT_SOURCE } from '../event-patterns';
import { vpcArn } from './arns';
import { callAws } from './call';

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

const BATCH = 10;

export function statusEventEntry(detail: StatusEventDetail, env: NodeJS.ProcessEnv = process.env): PutEventsRequestEntry {
  return {
    Source: STATUS_EVENT_SOURCE,
    DetailType: STATUS_EVENT_DETAIL_TYPE,
    Detail: JSON.stringify(detail),
    Resources: detail.account && detail.region ? [vpcArn(detail.region, detail.account, detail.vpc)] : [],
    EventBusName: env[ENV.statusEventBusName] || undefined,
  };
}

/** Returns how many entries EventBridge rejected (the status tags are already written). */
export async function publishStatusEvents(details: StatusEventDetail[]): Promise<{ failed: number; firstError?: string }> {
  let failed = 0;
  let firstError: string | undefined;
  for (let i = 0; i < details.length; i += BATCH) {
    const Entries = details.slice(i, i + BATCH).map((d) => statusEventEntry(d));
    const out = await callAws('PutEvents', () => events.send(new PutEventsCommand({ Entries })));
    failed += out.FailedEntryCount ?? 0;
    const rejected = out.Entries?.find((e) => e.ErrorCode);
    firstError ??= rejected ? `${rejected.ErrorCode} ${rejected.ErrorMessage}` : undefined;
  }
  return { failed, ...(firstError ? { firstError } : {}) };
}

/** One VPC's event; a rejected entry fails the step (PublishStatus' Retry/Catch decide). */
export async function publishStatusEvent(detail: StatusEventDetail): Promise<void> {
  const out = await publishStatusEvents([detail]);
  if (out.failed) throw new Error(`status event rejected: ${out.firstError}`);
}
