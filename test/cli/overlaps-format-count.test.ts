import fc from 'fast-check';
import { groupThousands } from '../../cli/lib/format-count';

describe('groupThousands (the overlap report\'s counts, without loading Intl)', () => {
  test.each([
    [0, '0'], [7, '7'], [999, '999'], [1000, '1,000'], [12345, '12,345'], [100000, '100,000'],
    [312692822, '312,692,822'], [-1234567, '-1,234,567'], [0.5, '0.5'], [1234.5678, '1,234.568'],
  ])('%p → %p', (n, text) => {
    expect(groupThousands(n)).toBe(text);
  });

  test('prints exactly what toLocaleString("en-US") prints, for any number', () => {
    fc.assert(fc.property(fc.oneof(fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }), fc.double()), (n) => {
      expect(groupThousands(n)).toBe(n.toLocaleString('en-US'));
    }), { numRuns: 2000 });
  });
});
