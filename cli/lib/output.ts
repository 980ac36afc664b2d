/**
 * Output helpers shared by commands: JSON for machines, aligned tables for people. Colour only when
 * stdout is a terminal and NO_COLOR is unset, so pipes and files get plain text.
 */
import { groupThousands } from './format-count';

export interface Column<Row> {
  header: string;
  value: (row: Row) => string;
  align?: 'left' | 'right';
}

export function useColour(stream: NodeJS.WriteStream = process.stdout): boolean {
  return Boolean(stream.isTTY) && process.env.NO_COLOR === undefined;
}

export function bold(text: string): string {
  return useColour() ? `\u001b[1m${text}\u001b[0m` : text;
}

export function red(text: string): string {
  return useColour() ? `\u001b[31m${text}\u001b[0m` : text;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Render rows as columns separated by two spaces; the last column is not padded. */
export function renderTable<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): string {
  const cells = rows.map((row) => columns.map((column) => column.value(row)));
  const widths = columns.map((column, i) => Math.max(column.header.length, ...cells.map((line) => line[i].length)));
  const format = (line: readonly string[]) =>
    line
      .map((cell, i) => {
        if (i === line.length - 1 && columns[i].align !== 'right') return cell;
        return columns[i].align === 'right' ? cell.padStart(widths[i]) : cell.padEnd(widths[i]);
      })
      .join('  ')
      .trimEnd();
  return [bold(format(columns.map((column) => column.header))), ...cells.map(format)].join('\n');
}

/** 1234567 → "1,234,567". */
export function formatCount(n: number): string {
  return groupThousands(n);
}
