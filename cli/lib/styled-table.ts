/**
 * Aligned tables whose cells may be coloured: widths come from the plain text, colour is applied
 * after padding. By default a table fits `layout.width`: columns marked `wide` are left out and cells
 * of columns that may `shrink` are cut with `…`; `layout.wide` shows every column in full.
 */
import { cut, fitWidths } from './fit';
import { bold, useColour, type Column } from './output';

export interface StyledColumn<Row> extends Column<Row> {
  /** Colour for the padded cell; called only when colour is on. */
  style?: (row: Row, text: string) => string;
  /** Shown only with --wide (and in --json, which carries every field). */
  wide?: boolean;
  /** Shown only without --wide (a short form of a column that --wide shows in full). */
  narrow?: boolean;
  /** Long cells may be cut with `…` to fit the width (down to `min`, default 12 characters). */
  shrink?: boolean;
  min?: number;
}

export interface TableLayout {
  /** Fit this many characters; undefined: no limit. */
  width?: number;
  /** Every column, nothing cut (--wide). */
  wide?: boolean;
  /** Shown only without --wide (a short form of a column that --wide shows in full). */
  narrow?: boolean;
}

export function renderStyledTable<Row>(columns: readonly StyledColumn<Row>[], rows: readonly Row[], colour = useColour(), layout: TableLayout = {}): string {
  const shown = columns.filter((c) => (layout.wide ? !c.narrow : !c.wide));
  const cells = rows.map((row) => shown.map((c) => c.value(row)));
  const natural = shown.map((c, i) => Math.max(c.header.length, ...cells.map((line) => line[i].length)));
  const widths = layout.wide || layout.width === undefined
    ? natural
    : fitWidths(shown.map((c, i) => ({ natural: natural[i], shrink: c.shrink === true, min: Math.max(c.min ?? 12, c.header.length) })), layout.width);
  const pad = (text: string, i: number, last: boolean) => {
    const fitted = cut(text, widths[i]);
    return shown[i].align === 'right' ? fitted.padStart(widths[i]) : last ? fitted : fitted.padEnd(widths[i]);
  };
  const header = shown.map((c, i) => pad(c.header, i, i === shown.length - 1)).join('  ').trimEnd();
  const lines = rows.map((row, r) =>
    shown.map((c, i) => {
      const padded = pad(cells[r][i], i, i === shown.length - 1);
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
