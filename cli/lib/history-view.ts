/**
 * `egress history` as data (the --json schema) and as text (the console's event view in a terminal).
 * Pure: takes the execution's description and its grouped run.
 */
import { triggerOf, vpcOfExecution } from '../../handlers/lib/names';
import { executionConsoleUrl } from './console-links';
import { pathText, readableCause, type ExecutionRun, type StateVisit } from './history-visits';
import { wrapWords } from './fit';
import { renderStyledTable, styleByState, type StyledColumn, type TableLayout } from './styled-table';
import { formatDuration, formatInstant, formatOffset, isoOrNull } from './time-format';

export interface HistoryJson {
  executionArn: string;
  name: string;
  stateMachineArn: string;
  vpcId: string | null;
  trigger: string;
  status: string;
  startDate: string | null;
  stopDate: string | null;
  durationMs: number | null;
  consoleUrl: string;
  states: Array<{
    state: string; type: string; enteredAt: string | null; elapsedMs: number; durationMs: number | null;
    attempts: number; retries: Array<{ attempt: number; error: string; cause: string | null }>;
    outcome: StateVisit['outcome']; error: string | null; cause: string | null;
  }>;
  path: string[];
  error: string | null;
  cause: string | null;
}

export interface ExecutionInfo { executionArn: string; name: string; stateMachineArn: string; status: string; startDate?: Date; stopDate?: Date }

export function historyJson(info: ExecutionInfo, run: ExecutionRun, nowMs: number): HistoryJson {
  const start = info.startDate?.getTime() ?? run.startedAtMs;
  const stop = info.stopDate?.getTime() ?? run.endedAtMs;
  return {
    executionArn: info.executionArn,
    name: info.name,
    stateMachineArn: info.stateMachineArn,
    vpcId: vpcOfExecution(info.name) ?? null,
    trigger: info.stateMachineArn.includes('fleet') || info.stateMachineArn.includes('Fleet') ? 'sweep' : triggerOf(info.name),
    status: info.status,
    startDate: isoOrNull(start),
    stopDate: isoOrNull(stop),
    durationMs: start === undefined ? null : (stop ?? nowMs) - start,
    consoleUrl: executionConsoleUrl(info.executionArn),
    states: run.visits.map((v) => ({
      state: v.state,
      type: v.type,
      enteredAt: isoOrNull(v.enteredAtMs),
      elapsedMs: v.elapsedMs,
      durationMs: v.durationMs ?? null,
      attempts: v.attempts.length,
      retries: retriesOf(v),
      outcome: v.outcome,
      error: v.error ?? null,
      cause: readableCause(v.cause) ?? null,
    })),
    path: run.path,
    error: run.error ?? null,
    cause: readableCause(run.cause) ?? null,
  };
}

/** Each retry: the attempt it started and the error of the attempt before it. */
export function retriesOf(v: StateVisit): HistoryJson['states'][number]['retries'] {
  return v.attempts.slice(1).map((_, i) => ({
    attempt: i + 2,
    error: v.attempts[i].error ?? 'Error',
    cause: readableCause(v.attempts[i].cause) ?? null,
  }));
}

interface Line { state: string; type: string; entered: string; duration: string; attempts: string; outcome: string; colour?: string }

/**
 * The run as a table. `layout.width` fits it (OUTCOME cells cut with `…`, the path and the error
 * wrapped); `layout.wide` adds the console link and cuts nothing.
 */
export function renderHistory(h: HistoryJson, run: ExecutionRun, colour?: boolean, layout: TableLayout = {}): string {
  const lines: Line[] = [];
  for (const [i, s] of h.states.entries()) {
    const v = run.visits[i];
    const detail = s.error ? `${s.outcome}: ${s.error}${s.cause ? ` — ${s.cause}` : ''}` : s.outcome;
    lines.push({ state: s.state, type: s.type, entered: formatOffset(s.elapsedMs), duration: formatDuration(s.durationMs ?? undefined), attempts: s.attempts ? String(s.attempts) : '-', outcome: detail, colour: s.outcome });
    for (const r of s.retries) {
      const at = v.attempts[r.attempt - 1].startedAtMs - (run.startedAtMs ?? v.enteredAtMs);
      lines.push({ state: `  retry ${r.attempt - 1}`, type: '', entered: formatOffset(at), duration: '', attempts: '', outcome: `after ${r.error}${r.cause ? `: ${r.cause}` : ''}`, colour: 'retry' });
    }
  }
  const columns: StyledColumn<Line>[] = [
    { header: 'STATE', value: (l) => l.state },
    { header: 'TYPE', value: (l) => l.type },
    { header: 'ENTERED', value: (l) => l.entered, align: 'right' },
    { header: 'DURATION', value: (l) => l.duration, align: 'right' },
    { header: 'ATTEMPTS', value: (l) => l.attempts, align: 'right' },
    { header: 'OUTCOME', value: (l) => l.outcome, style: styleByState((l) => (l.colour === 'retry' ? 'Progressing' : l.colour)), shrink: true, min: 20 },
  ];
  const width = layout.wide ? undefined : layout.width;
  const field = (label: string, text: string) => wrapWords(`${label.padEnd(11)}${text}`, width, ' '.repeat(11));
  const header = [
    `Execution  ${h.name}`,
    `Status     ${h.status}${h.durationMs !== null ? ` after ${formatDuration(h.durationMs)}` : ''}, started ${formatInstant(h.startDate ? Date.parse(h.startDate) : undefined)} by ${h.trigger}`,
    ...(h.vpcId ? [`VPC        ${h.vpcId}`] : []),
    ...(layout.wide ? [`Console    ${h.consoleUrl}`] : []),
  ];
  const footer = [field('Path', pathText(run) || '-')];
  if (h.error) footer.push(field('Error', `${h.error}${h.cause ? `: ${h.cause}` : ''}`));
  return [...header, '', renderStyledTable(columns, lines, colour, layout), '', ...footer].join('\n');
}
