/**
 * Thousands separators without Intl: `toLocaleString` loads ICU on first use, about 70 ms of every
 * `egress overlaps` run for three numbers. Same output as `toLocaleString('en-US')` for any number:
 * integers are grouped here, anything else (fractions, -0, NaN, ±Infinity) still goes to Intl.
 */
export function groupThousands(n: number): string {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n));
  let out = '';
  for (let i = digits.length; i > 0; i -= 3) out = (i > 3 ? ',' : '') + digits.slice(Math.max(0, i - 3), i) + out;
  return n < 0 ? `-${out}` : out;
}
