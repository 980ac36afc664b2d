/**
 * Making tables fit a terminal: which width to fit (COLUMNS, the terminal's, else 120), how wide each
 * column may be, and cutting a long cell with `…`. Pure apart from reading the environment in `tableWidth`.
 */

/** The width tables fit by default: $COLUMNS, else the terminal's width, else 120. */
export function tableWidth(env: NodeJS.ProcessEnv = process.env, out: { isTTY?: boolean; columns?: number } = process.stdout): number {
  const fromEnv = Number(env.COLUMNS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  if (out.isTTY && out.columns && out.columns > 0) return out.columns;
  return 120;
}

/** `text` in at most `width` characters: longer text keeps its start and ends with `…`. */
export function cut(text: string, width: number): string {
  if (text.length <= width) return text;
  return width <= 0 ? '' : `${text.slice(0, width - 1)}…`;
}

export interface ColumnSpace {
  /** The widest cell (or header). */
  natural: number;
  /** May be cut down to `min` characters to fit. */
  shrink: boolean;
  min: number;
}

/**
 * Widths for columns separated by `gap` spaces within `budget`: columns that may shrink give up space,
 * the widest first, until the table fits or each is at its minimum (then the table is as narrow as it
 * can be and wider than the budget).
 */
export function fitWidths(columns: readonly ColumnSpace[], budget: number, gap = 2): number[] {
  const widths = columns.map((c) => c.natural);
  let excess = widths.reduce((a, b) => a + b, 0) + gap * Math.max(0, columns.length - 1) - budget;
  while (excess > 0) {
    let widest = -1;
    for (const [i, c] of columns.entries()) {
      if (c.shrink && widths[i] > c.min && (widest < 0 || widths[i] > widths[widest])) widest = i;
    }
    if (widest < 0) break;
    const others = columns.map((c, i) => (i !== widest && c.shrink && widths[i] > c.min ? widths[i] : 0));
    const next = Math.max(columns[widest].min, ...others);
    const take = Math.min(excess, Math.max(1, widths[widest] - next));
    widths[widest] -= take;
    excess -= take;
  }
  return widths;
}

/**
 * `text` broken at spaces into lines of at most `width` characters, continuation lines starting with
 * `indent`; the first word (a label such as `Path`) keeps its first word after it, and a word longer
 * than a line stays whole. No width: one line.
 */
export function wrapWords(text: string, width: number | undefined, indent = ''): string {
  if (width === undefined || text.length <= width) return text;
  const lines: string[] = [];
  let line = '';
  let words = 0;
  for (const word of text.split(' ')) {
    const next = line === '' ? word : `${line} ${word}`;
    const mayBreak = words >= (lines.length === 0 ? 2 : 1);
    if (word !== '' && next.length > width && mayBreak) {
      lines.push(line);
      line = `${indent}${word}`;
      words = 1;
    } else {
      line = next;
      if (word !== '') words++;
    }
  }
  lines.push(line);
  return lines.join('\n');
}
