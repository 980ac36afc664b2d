/** Seconds settings of the functions' environment: the default when unset, else a number in range, else a named error. */
import { InvalidSetting } from '../../../handlers/lib/errors';
import { secondsSetting, sweepIntervalSeconds } from '../../../handlers/lib/settings';

describe('secondsSetting', () => {
  it.each([[undefined, 60], ['', 60], ['  ', 60], ['0', 0], ['30', 30], ['2.5', 2.5], [' 45 ', 45]])('%p → %p (0 admitted)', (raw, seconds) => {
    expect(secondsSetting(raw, 'X_SECONDS', 60, 0)).toBe(seconds);
  });

  it.each(['soon', '-1', 'Infinity', 'NaN', '1h', '15m'])('%p is refused with the variable and the value', (raw) => {
    expect(() => secondsSetting(raw, 'X_SECONDS', 60, 0)).toThrow(new InvalidSetting(`X_SECONDS must be 0 or a positive number of seconds, got ${JSON.stringify(raw)}`));
  });

  it('a positive setting refuses 0', () => {
    expect(() => secondsSetting('0', 'X_SECONDS', 60, 'positive')).toThrow('X_SECONDS must be a positive number of seconds, got "0"');
    expect(secondsSetting('1', 'X_SECONDS', 60, 'positive')).toBe(1);
  });
});

it('FLEET_SWEEP_INTERVAL_SECONDS: 900 when unset, the stack\'s value when set, a clear error for a value like "1h"', () => {
  expect(sweepIntervalSeconds({})).toBe(900);
  expect(sweepIntervalSeconds({ FLEET_SWEEP_INTERVAL_SECONDS: '3600' })).toBe(3600);
  expect(() => sweepIntervalSeconds({ FLEET_SWEEP_INTERVAL_SECONDS: '1h' })).toThrow(expect.objectContaining({
    name: 'InvalidSetting', message: 'FLEET_SWEEP_INTERVAL_SECONDS must be a positive number of seconds, got "1h"',
  }));
});
