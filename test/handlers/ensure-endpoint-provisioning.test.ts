/** EnsureEndpoint's `checkAfterSeconds` for a created endpoint: ENDPOINT_PROVISIONING_SECONDS, whole seconds, else 120. */
import { provisioningSeconds } from '../../handlers/ensure-endpoint';

it.each([
  [undefined, 120], ['', 120], ['  ', 120],
  ['0', 0], ['90', 90], ['1.2', 2],
])('ENDPOINT_PROVISIONING_SECONDS=%p → %i', (raw, seconds) => {
  expect(provisioningSeconds(raw)).toBe(seconds);
});

it.each(['soon', '-5', 'Infinity', '2m'])('ENDPOINT_PROVISIONING_SECONDS=%p is refused with its name and value, not read as the default', (raw) => {
  expect(() => provisioningSeconds(raw)).toThrow(expect.objectContaining({
    name: 'InvalidSetting', message: `ENDPOINT_PROVISIONING_SECONDS must be 0 or a positive number of seconds, got ${JSON.stringify(raw)}`,
  }));
});
