/** EnsureEndpoint's `checkAfterSeconds` for a created endpoint: ENDPOINT_PROVISIONING_SECONDS, whole seconds, else 120. */
import { provisioningSeconds } from '../../handlers/ensure-endpoint';

it.each([
  [undefined, 120], ['', 120], ['  ', 120], ['soon', 120], ['-5', 120], ['Infinity', 120],
  ['0', 0], ['90', 90], ['1.2', 2],
])('ENDPOINT_PROVISIONING_SECONDS=%p → %i', (raw, seconds) => {
  expect(provisioningSeconds(raw)).toBe(seconds);
});
