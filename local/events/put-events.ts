/**
 * PutEvents request entries → bus events, or the per-entry error codes EventBridge answers with
 * (the request succeeds; `FailedEntryCount` says how many entries did not).
 */
import type { CloudEvent } from '../service';
import { ApiError } from '../sfn/json-wire';
import { eventTime } from './bus';

export interface PutEventsEntry {
  Time?: number;
  Source?: string;
  Resources?: string[];
  DetailType?: string;
  Detail?: string;
  EventBusName?: string;
  TraceHeader?: string;
}

export type EntryResult = { event: CloudEvent } | { ErrorCode: string; ErrorMessage: string };

const MAX_ENTRIES = 10;
const MAX_REQUEST_BYTES = 256 * 1024;

const invalid = (field: string, reason: string): EntryResult => ({
  ErrorCode: 'InvalidArgument', ErrorMessage: `Parameter ${field} is not valid. Reason: ${reason}`,
});

/** Request-level checks: these fail the whole call with ValidationException, as AWS does. */
export function requestEntries(body: Record<string, unknown>): PutEventsEntry[] {
  const entries = body.Entries;
  if (!Array.isArray(entries) || entries.length === 0 || entries.length > MAX_ENTRIES) {
    throw new ApiError('ValidationException', `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length between 1 and ${MAX_ENTRIES}`);
  }
  if (Buffer.byteLength(JSON.stringify(entries), 'utf8') > MAX_REQUEST_BYTES) {
    throw new ApiError('ValidationException', 'Total size of the entries in the request is over the limit.');
  }
  return entries as PutEventsEntry[];
}

/** One entry: the event to publish, or why it was refused. */
export function entryToEvent(entry: PutEventsEntry, scope: { accountId: string; region: string }): EntryResult {
  if (typeof entry.Source !== 'string' || entry.Source === '') return invalid('Source', 'Source is a required argument.');
  if (typeof entry.DetailType !== 'string' || entry.DetailType === '') return invalid('DetailType', 'DetailType is a required argument.');
  if (typeof entry.Detail !== 'string' || entry.Detail === '') return invalid('Detail', 'Detail is a required argument.');
  // Only AWS services may publish `aws.*` events.
  if (entry.Source.startsWith('aws.')) return { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' };
  const bus = entry.EventBusName;
  const defaultArn = `arn:aws:events:${scope.region}:${scope.accountId}:event-bus/default`;
  if (bus !== undefined && bus !== 'default' && bus !== defaultArn) {
    return { ErrorCode: 'ResourceNotFoundException', ErrorMessage: `Event bus ${bus} does not exist.` };
  }
  let detail: unknown;
  try {
    detail = JSON.parse(entry.Detail);
  } catch {
    return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  }
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
    return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  }
  return {
    event: {
      source: entry.Source,
      'detail-type': entry.DetailType,
      resources: Array.isArray(entry.Resources) ? entry.Resources.map(String) : [],
      detail: detail as Record<string, unknown>,
      ...(typeof entry.Time === 'number' ? { time: eventTime(entry.Time * 1000) } : {}),
    },
  };
}
