/** The tests' read-until-settled helper and the e2e default of eventual consistency (docs/local-cloud.md#eventual-consistency). */
import { E2E_CONSISTENCY_SEED, e2eConsistency } from './e2e-cloud';
import { eventually, NotSettled, recordConsistencySeed } from './eventually';

afterEach(() => recordConsistencySeed(undefined));

describe('eventually', () => {
  it('returns the first value the check accepts (an expect that passes, or anything but false)', async () => {
    const values = [1, 2, 3];
    const read = jest.fn(async () => values.shift()!);
    expect(await eventually(read, (v) => expect(v).toBe(2), { intervalMs: 1 })).toBe(2);
    expect(await eventually(async () => 'x', () => undefined)).toBe('x');
  });

  it('counts a read that throws (NotFound for a resource just created) as not settled yet', async () => {
    let calls = 0;
    const read = async () => {
      if (++calls < 3) throw Object.assign(new Error('does not exist'), { name: 'InvalidVpcID.NotFound' });
      return 'visible';
    };
    expect(await eventually(read, (v) => v === 'visible', { intervalMs: 1 })).toBe('visible');
  });

  it('fails with the last value, why it was refused and the seed that replays the run', async () => {
    recordConsistencySeed(77);
    const failure = eventually(async () => ({ state: 'Progressing' }), (v) => expect(v.state).toBe('Ready'),
      { timeoutMs: 30, intervalMs: 5, what: 'tags of vpc-1' });
    await expect(failure).rejects.toThrow(NotSettled);
    await expect(failure).rejects.toThrow(/tags of vpc-1 did not settle within 30 ms/);
    await expect(failure).rejects.toThrow(/"state": "Progressing"/);
    await expect(failure).rejects.toThrow(/Expected: "Ready"/);
    await expect(failure).rejects.toThrow(/LOCAL_EVENTUAL_CONSISTENCY=77/);
  });
});

describe('e2eConsistency', () => {
  it('is on with a fixed seed unless LOCAL_EVENTUAL_CONSISTENCY says otherwise', () => {
    expect(e2eConsistency({})).toBe(E2E_CONSISTENCY_SEED);
    expect(e2eConsistency({ LOCAL_EVENTUAL_CONSISTENCY: '7' })).toBe(7);
    expect(e2eConsistency({ LOCAL_EVENTUAL_CONSISTENCY: 'off' })).toBe(false);
    expect(typeof e2eConsistency({ LOCAL_EVENTUAL_CONSISTENCY: 'true' })).toBe('number');
    expect(() => e2eConsistency({ LOCAL_EVENTUAL_CONSISTENCY: 'soon' })).toThrow(/non-negative integer/);
  });
});
