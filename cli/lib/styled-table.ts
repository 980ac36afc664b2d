/**
 * Aligned tables whose cells may be coloured: widths come from the plain text, colour is applied
 * after padding (renderTable in output.ts measures raw strings, so it cannot take ANSI codes).
 */
import { bold, useColour, type Column } from './output';

export interface StyledColumn<Row> extends Column<Row> {
  /** Colour for the padded cell; called only when colour is on. */
  style?: (row: Row, text: string) => string;
}

export function renderStyledTable<Row>(columns: readonly StyledColumn<Row>[], rows: readonly Row[], colour = useColour()): string {
  const cells = rows.map((row) => columns.map((c) => c.value(row)));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((line) => line[i].length)));
  const pad = (text: string, i: number, last: boolean) =>
    columns[i].align === 'right' ? text.padStart(widths[i]) : last ? text : text.padEnd(widths[i]);
  const header = columns.map((c, i) => pad(c.header, i, i === columns.length - 1)).join('  ').trimEnd();
  const lines = rows.map((row, r) =>
    columns.map((c, i) => {
      const padded = pad(cells[r][i], i, i === columns.length - 1);
      return colour && c.style ? c.style(row, padded) : padded;
    }).join('  ').trimEnd());
  return [colour ? bold(header) : header, ...lines].join('\n');
}

const ansi = (code: number) => (text: string) => `\u001b[${code}m${text}\u001b[0m`;
export const paint = { green: ansi(32), yellow: ansi(33), red: ansi(31), dim: ansi(2), cyan: ansi(36) };

/** Colour of a status state or execution status. */
export function stateColour(state: string | null | undefined): ((t: string) => string) | undefined {
  switch (state) {
    case 'Ready': case 'SUCCEEDED': case 'succeeded': return paint.green;
    case 'Progressing': case 'Deleting': case 'RUNNING': case 'running': return paint.yellow;
    case 'Degraded': case 'Error': case 'FAILED': case 'TIMED_OUT': case 'ABORTED': case 'failed': case 'caught': return paint.red;
    default: return undefined;
  }
}

export function styleByState<Row>(stateOf: (row: Row) => string | null | undefined): (row: Row, text: string) => string {
  return (row, text) => stateColour(stateOf(row))?.(text) ?? text;
}
