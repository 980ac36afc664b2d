/** Re-reading EC2 until it shows a write it lags (https://docs.aws.amazon.com/ec2/latest/devguide/eventual-consistency.html). */
import { readUntilSettled, SETTLE_DELAYS_MS } from '../../../../handlers/lib/aws/settle';

describe('readUntilSettled', () => {
  it('returns the first read that shows the write, without waiting when the first one does', async () => {
    const read = jest.fn(async () => 'new');
    const started = Date.now();
    expect(await readUntilSettled(read, (v) => v === 'new')).toEqual({ value: 'new', settled: true });
    expect(read).toHaveBeenCalledTimes(1);
    expect(Date.now() - started).toBeLessThan(100);
  });

  it('reads again with growing pauses until the write shows', async () => {
    const values = ['old', 'old', 'new'];
    const read = jest.fn(async () => values.shift() ?? 'new');
    expect(await readUntilSettled(read, (v) => v === 'new', [1, 2, 4, 8])).toEqual({ value: 'new', settled: true });
    expect(read).toHaveBeenCalledTimes(3);
  });

  it('gives up after the last pause and returns the last read, unsettled', async () => {
    const read = jest.fn(async () => 'old');
    expect(await readUntilSettled(read, (v) => v === 'new', [1, 2])).toEqual({ value: 'old', settled: false });
    expect(read).toHaveBeenCalledTimes(3);
  });

  it('waits a few seconds at most by default (longer waits are the workflow Retry\'s)', () => {
    const total = SETTLE_DELAYS_MS.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(2000);
    expect(total).toBeLessThanOrEqual(5000);
  });
});
