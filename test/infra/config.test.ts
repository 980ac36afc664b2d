/** Config: defaults, context strings parsed to typed values, config file, clear errors. */
import { defaultConfig } from '../../infra/config';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../infra/config';

const context = (values: Record<string, unknown>) => (key: string) => values[key];

test('defaults with no file and no context', () => {
  const config = loadConfig(context({}), mkdtempSync(join(tmpdir(), 'cfg-')));
  expect(config).toMatchObject({
    vpcCidr: '10.0.0.0/16', availabilityZoneIds: [], natGateways: 'one', highAvailability: false, proxyPort: 3128,
    allowPorts: [443], fleetSweepSchedule: 'rate(15 minutes)', memberAccounts: [], prefix: 'egress-operator',
  });
});

test('context strings become numbers, booleans and lists, and override the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
  writeFileSync(join(dir, 'egress.config.json'), JSON.stringify({ proxyPort: 8080, vpcCidr: '10.9.0.0/16' }));
  const config = loadConfig(context({
    proxyPort: '3129', highAvailability: 'true', memberAccounts: '111111111111,222222222222', allowPorts: '443 8443',
    memberExternalId: '0123456789abcdef0123456789abcdef',
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

test('the sweep schedule is checked when the config loads; a cron() schedule names its period', () => {
  const load = (values: Record<string, unknown>) => () => loadConfig(context(values), mkdtempSync(join(tmpdir(), 'cfg-')));
  expect(load({ fleetSweepSchedule: 'rate(1 hour)' })()).toMatchObject({ fleetSweepSchedule: 'rate(1 hour)' });
  expect(load({ fleetSweepSchedule: 'rate(5 hour)' })).toThrow(/fleetSweepSchedule.*singular for 1 and plural otherwise/);
  expect(load({ fleetSweepSchedule: 'hourly' })).toThrow(/fleetSweepSchedule.*not an EventBridge schedule/);
  expect(load({ fleetSweepSchedule: 'cron(0 * * * ? *)' })).toThrow(/fleetSweepIntervalSeconds.*required with a cron\(\) fleetSweepSchedule/);
  expect(load({ fleetSweepSchedule: 'cron(0 * * * ? *)', fleetSweepIntervalSeconds: '3600' })()).toMatchObject({ fleetSweepIntervalSeconds: 3600 });
  expect(load({ fleetSweepSchedule: 'rate(15 minutes)', fleetSweepIntervalSeconds: '3600' })).toThrow(/3600 disagrees with fleetSweepSchedule 'rate\(15 minutes\)' \(900 s\)/);
});

describe('what a real deployment needs', () => {
  const load = (values: Record<string, unknown>) => () => loadConfig(context(values), mkdtempSync(join(tmpdir(), 'cfg-')));
  const ID = '0123456789abcdef0123456789abcdef';

  test('the ExternalId has no default, is required across accounts and refuses short or well-known values', () => {
    expect(defaultConfig().memberExternalId).toBeUndefined();
    expect(load({ memberAccounts: '111111111111' })).toThrow(/memberExternalId: required with memberAccounts or organizationId.*openssl rand -hex 32/);
    expect(load({ organizationId: 'o-abcdef1234' })).toThrow(/memberExternalId: required/);
    expect(load({ memberAccounts: '111111111111', memberExternalId: 'egress-operator' })).toThrow(/memberExternalId: 16 to 1224/);
    expect(load({ memberAccounts: '111111111111', memberExternalId: ID })().memberExternalId).toBe(ID);
  });

  test('the prefix is what VPC Lattice accepts in names: lower case, digits, single inner hyphens', () => {
    for (const bad of ['Egress', 'egress_op', '-egress', 'egress-', 'egress--op', '1egress', 'e'.repeat(32)]) {
      expect(load({ prefix: bad })).toThrow(/prefix: lower case letters/);
    }
    expect(load({ prefix: 'team-a-egress2' })().prefix).toBe('team-a-egress2');
  });

  test('the hub speaks AZ IDs; AZ names and the old keys are refused with what replaces them', () => {
    expect(load({ availabilityZoneIds: 'use1-az1,use1-az4 usw2-lax1-az1' })().availabilityZoneIds).toEqual(['use1-az1', 'use1-az4', 'usw2-lax1-az1']);
    expect(load({ availabilityZoneIds: 'us-east-1a' })).toThrow(/availabilityZoneIds\.0: an AZ ID like use1-az1/);
    expect(load({ azCount: '3' })).toThrow(/azCount is no longer read: the hub now uses every AZ/);
    expect(load({ availabilityZones: 'eu-west-1a' })).toThrow(/availabilityZones is no longer read: use availabilityZoneIds/);
  });

  test.each([
    ['the same as', 'squid.egress-proxy.internal'],
    ['a parent of', 'egress-proxy.internal'],
  ])('a custom domain name %s the proxy DNS target is refused (no resource endpoint with IN_VPC)', (relation, custom) => {
    expect(load({ proxyCustomDomainName: custom })).toThrow(new RegExp(`proxyCustomDomainName: '${custom}' is ${relation} proxyDomainName.*IN_VPC`));
  });

  test('a custom domain name beside the proxy DNS target is fine', () => {
    expect(load({ proxyCustomDomainName: 'proxy.egress.example.com' })().proxyCustomDomainName).toBe('proxy.egress.example.com');
    expect(load({ proxyCustomDomainName: 'squid.egress-proxy.internal.example.com' })().proxyCustomDomainName).toBeDefined();
  });
});

test('both config examples of docs/first-deployment.md load as written', () => {
  const doc = readFileSync(join(__dirname, '../../docs/first-deployment.md'), 'utf8');
  const examples = [...doc.matchAll(/```json\n([\s\S]*?)\n```/g)].map((m) => m[1]);
  expect(examples).toHaveLength(2);
  for (const example of examples) {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    writeFileSync(join(dir, 'egress.config.json'), example.replace('PASTE-THE-OUTPUT-OF-openssl-rand-hex-32', 'ab'.repeat(32)));
    expect(() => loadConfig(context({}), dir)).not.toThrow();
  }
});
