/** Tables that fit a terminal: the width to fit, shrinking columns, cutting cells with `…`. */
import { cut, fitWidths, tableWidth, wrapWords } from '../../cli/lib/fit';
import { renderStyledTable, type StyledColumn } from '../../cli/lib/styled-table';
import { viewOf } from '../../cli/lib/view-flags';

describe('the width tables fit', () => {
  test('COLUMNS, else the terminal, else 120', () => {
    expect(tableWidth({ COLUMNS: '100' }, { isTTY: true, columns: 80 })).toBe(100);
    expect(tableWidth({}, { isTTY: true, columns: 80 })).toBe(80);
    expect(tableWidth({}, { isTTY: false })).toBe(120);
    expect(tableWidth({ COLUMNS: 'wide' }, {})).toBe(120);
  });
  test('--wide or -o wide: no limit; -o json is JSON', () => {
    expect(viewOf({}, { COLUMNS: '90' })).toEqual({ json: false, layout: { width: 90 } });
    expect(viewOf({ wide: true }, {})).toEqual({ json: false, layout: { wide: true } });
    expect(viewOf({ output: 'wide' }, {})).toEqual({ json: false, layout: { wide: true } });
    expect(viewOf({ output: 'json' }, {}).json).toBe(true);
  });
});

describe('fitting', () => {
  test('cut keeps the start and ends with …', () => {
    expect(cut('http://vpce-0123456789', 10)).toBe('http://vp…');
    expect(cut('short', 10)).toBe('short');
  });
  test('the widest shrinkable column gives up space first, never below its minimum', () => {
    expect(fitWidths([{ natural: 20, shrink: false, min: 20 }, { natural: 60, shrink: true, min: 10 }, { natural: 30, shrink: true, min: 10 }], 80))
      .toEqual([20, 28, 28]);
    expect(fitWidths([{ natural: 50, shrink: false, min: 50 }, { natural: 40, shrink: true, min: 16 }], 40)).toEqual([50, 16]);
  });
  test('a table fits the width; wide-only columns appear with wide; narrow ones without', () => {
    type Row = { id: string; url: string; reason: string };
    const columns: StyledColumn<Row>[] = [
      { header: 'ID', value: (r) => r.id },
      { header: 'URL', value: (r) => r.url, shrink: true },
      { header: 'N', value: () => '1', narrow: true },
      { header: 'CONSOLE', value: () => 'https://console.example/long/link', wide: true },
      { header: 'REASON', value: (r) => r.reason, shrink: true },
    ];
    const rows = [{ id: 'vpc-0123456789abcdef0', url: `http://${'x'.repeat(120)}:3128`, reason: `ProxyUnreachable: ${'y'.repeat(80)}` }];
    const fitted = renderStyledTable(columns, rows, false, { width: 100 });
    expect(Math.max(...fitted.split('\n').map((l) => l.length))).toBeLessThanOrEqual(100);
    expect(fitted.split('\n')[0]).toMatch(/^ID\s+URL\s+N\s+REASON$/);
    expect(fitted).toMatch(/http:\/\/x+…\s+1\s+ProxyUnreachable: y+…$/m);
    const wide = renderStyledTable(columns, rows, false, { wide: true });
    expect(wide.split('\n')[0]).toMatch(/^ID\s+URL\s+CONSOLE\s+REASON$/);
    expect(wide).not.toContain('…');
  });
  test('wrapWords breaks at spaces with an indent; a long word stays whole', () => {
    expect(wrapWords('Path       alpha → beta → gamma', 20, ' '.repeat(11))).toBe('Path       alpha →\n           beta →\n           gamma');
    expect(wrapWords('Error      https://a-very-long-word-that-cannot-break', 20, ' '.repeat(11))).toBe('Error      https://a-very-long-word-that-cannot-break');
    expect(wrapWords('short', undefined)).toBe('short');
  });
});
