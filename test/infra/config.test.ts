/** Config: defaults, context strings parsed to typed values, config file, clear errors. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../infra/config';

const context = (values: Record<string, unknown>) => (key: string) => values[key];

test('defaults with no file and no context', () => {
  const config = loadConfig(context({}), mkdtempSync(join(tmpdir(), 'cfg-')));
  expect(config).toMatchObject({
    vpcCidr: '10.0.0.0/16', azCount: 2, natGateways: 'one', highAvailability: false, proxyPort: 3128,
    allowPorts: [443], fleetSweepSchedule: 'rate(15 minutes)', memberAccounts: [], prefix: 'egress-operator',
  });
});

test('context strings become numbers, booleans and lists, and override the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
  writeFileSync(join(dir, 'egress.config.json'), JSON.stringify({ proxyPort: 8080, vpcCidr: '10.9.0.0/16' }));
  const config = loadConfig(context({
    proxyPort: '3129', highAvailability: 'true', memberAccounts: '111111111111,222222222222', allowPorts: '443 8443',
  }), dir);
  expect(config).toMatchObject({
    proxyPort: 3129, vpcCidr: '10.9.0.0/16', highAvailability: true,
    memberAccounts: ['111111111111', '222222222222'], allowPorts: [443, 8443],
  });
});

test('invalid values name the key', () => {
  expect(() => loadConfig(context({ memberAccounts: '1234' }), tmpdir())).toThrow(/memberAccounts.*12-digit/);
  expect(() => loadConfig(context({ natGateways: 'two' }), tmpdir())).toThrow(/natGateways/);
  expect(() => loadConfig(context({ configFile: 'missing.json' }), tmpdir())).toThrow(/does not exist/);
});
