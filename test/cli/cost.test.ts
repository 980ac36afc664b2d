/** `egress cost`: the pure model, table-tested by hand-computed cases, and the command's JSON and text. */
import { breakEven, estimateCost, HUB_DEFAULTS, hubCounts, operatorLines, perVpcNatCost, sharedHubCost, withDefaults } from '../../cli/lib/cost-model';
import { defaultConfig } from '../../infra/config';
import { PRICES, priceList, type PriceTable } from '../../cli/lib/prices';
import { egress, egressJson, expectOneLineError } from './helpers/egress';

const H = PRICES.hoursPerMonth;
const usd = (n: number) => Math.round(n * 100) / 100;

describe('cost model', () => {
  test.each([
    // name, input, per-VPC NAT monthly (hand-computed)
    ['one VPC, one AZ, no traffic', { vpcs: 1, azs: 1, gbPerMonth: 0 }, 0.045 * H],
    ['20 VPCs, 2 AZs, 100 GB each', { vpcs: 20, azs: 2, gbPerMonth: 100 }, 20 * 2 * 0.045 * H + 20 * 100 * 0.045],
    ['no VPCs', { vpcs: 0, azs: 3, gbPerMonth: 500 }, 0],
  ])('per-VPC NAT: %s', (_name, input, expected) => {
    expect(perVpcNatCost(withDefaults(input)).monthlyUsd).toBeCloseTo(expected, 6);
  });

  test('the hub defaults are the CDK app\'s: one NAT gateway, one Squid, its AZ IDs (two assumed when it names none)', () => {
    const cdk = defaultConfig();
    expect(HUB_DEFAULTS).toEqual({ hubAzs: cdk.availabilityZoneIds.length || 2, ha: cdk.highAvailability, natPerAz: cdk.natGateways === 'per-az' });
    expect(HUB_DEFAULTS).toEqual({ hubAzs: 2, ha: false, natPerAz: false });
    expect(hubCounts(withDefaults({ vpcs: 1, azs: 3, gbPerMonth: 0 }))).toEqual({ natGateways: 1, squids: 1 });
  });

  test.each([
    ['defaults: one NAT gateway, one Squid (whatever the AZs)', { hubAzs: 3 }, 1, 1],
    ['--ha: one Squid per hub AZ', { hubAzs: 3, ha: true }, 1, 3],
    ['--nat-per-az: one NAT gateway per hub AZ', { hubAzs: 3, natPerAz: true }, 3, 1],
    ['both', { hubAzs: 3, ha: true, natPerAz: true }, 3, 3],
  ])('shared hub: %s; an endpoint per VPC and AZ, data through NAT and endpoint', (_name, hubFlags, nats, squids) => {
    const hub = sharedHubCost(withDefaults({ vpcs: 10, azs: 2, gbPerMonth: 50, ...hubFlags }));
    const byItem = Object.fromEntries(hub.lines.map((l) => [l.item.split(' (')[0], l.monthlyUsd]));
    expect(byItem['Hub NAT gateways']).toBeCloseTo(nats * 0.045 * H, 6);
    expect(byItem['Hub NAT data processing']).toBeCloseTo(10 * 50 * 0.045, 6);
    expect(byItem['Squid instances']).toBeCloseTo(squids * 0.0168 * H, 6);
    expect(byItem['Squid root volumes']).toBeCloseTo(squids * 8 * 0.08, 6);
    expect(byItem['Resource endpoints']).toBeCloseTo(10 * 2 * 0.01 * H, 6);
    expect(byItem['Resource endpoint data processing']).toBeCloseTo(10 * 50 * 0.01, 6);
    expect(hub.uncertain).toBe(true);
    expect(hub.lines.filter((l) => l.uncertain).map((l) => l.item)).toEqual(['Resource endpoints (one per VPC and AZ)', 'Resource endpoint data processing']);
  });

  test('the operator: a sweep every 15 minutes plus one reconcile per change', () => {
    const [transitions, compute, requests] = operatorLines(withDefaults({ vpcs: 100, azs: 2, gbPerMonth: 0, changesPerVpc: 2 }));
    expect(transitions.quantity).toBe(4 * H * 3 + 200 * 12);
    expect(requests.quantity).toBe(4 * H * 5 + 200 * 8);
    expect(compute.quantity).toBeCloseTo(requests.quantity * 0.25, 6);
    expect(transitions.monthlyUsd).toBeCloseTo(transitions.quantity * 0.000025, 9);
  });

  test.each([
    ['typical: the default hub pays off from the first 2-AZ VPC', { vpcs: 20, azs: 2, gbPerMonth: 100 }, 1],
    ['one AZ: hub NAT + Squid ≈ $46/month, each VPC saves ≈ $25', { vpcs: 5, azs: 1, gbPerMonth: 10 }, 2],
    ['HA with a NAT per AZ, two AZs, for one-AZ VPCs', { vpcs: 5, azs: 1, gbPerMonth: 10, ha: true, natPerAz: true }, 4],
    ['a three-AZ HA hub with a NAT per AZ for one-AZ VPCs', { vpcs: 5, azs: 1, gbPerMonth: 10, hubAzs: 3, ha: true, natPerAz: true }, 6],
    ['heavy traffic: the endpoint GB charge eats the savings', { vpcs: 5, azs: 2, gbPerMonth: 9000 }, null],
  ])('break-even: %s', (_name, input, expected) => {
    const n = breakEven(withDefaults(input));
    expect(n).toBe(expected);
    if (n !== null) {
      const at = (vpcs: number) => estimateCost({ ...input, vpcs });
      expect(at(n).savingsUsd).toBeGreaterThanOrEqual(0);
      if (n > 1) expect(at(n - 1).savingsUsd).toBeLessThan(0);
    }
  });

  test('the break-even moves with the price table', () => {
    const cheapNat: PriceTable = { ...PRICES, natGatewayHour: { ...PRICES.natGatewayHour, usd: 0.0001 } };
    expect(breakEven(withDefaults({ vpcs: 1, azs: 2, gbPerMonth: 0 }), cheapNat)).toBeNull();
  });

  test('every price has a source; the uncertain ones say why', () => {
    for (const [, p] of priceList()) {
      expect(p.source).toMatch(/^https:\/\/aws\.amazon\.com\//);
      if (p.uncertain) expect(p.note).toMatch(/verify/);
    }
    expect(PRICES.date).toBe('2026-11');
  });
});

describe('egress cost', () => {
  test('--json: input, prices with date and uncertainty, both designs, savings and break-even', async () => {
    const doc = await egressJson(['cost', '--vpcs', '20', '--azs', '2', '--gb-per-month', '100']);
    expect(Object.keys(doc).sort()).toEqual(['assumptions', 'breakEvenVpcs', 'input', 'operatorMonthlyUsd', 'perVpcNat', 'prices', 'savingsPercent', 'savingsUsd', 'sharedHub'].sort());
    expect(doc.input).toEqual({ vpcs: 20, azs: 2, gbPerMonth: 100, hubAzs: 2, ha: false, natPerAz: false, changesPerVpc: 1 });
    expect(doc.prices).toMatchObject({ region: 'us-east-1', date: '2026-11', hoursPerMonth: 730 });
    expect(doc.prices.items.find((p: { key: string }) => p.key === 'resourceEndpointAzHour')).toMatchObject({ usd: 0.01, uncertain: true, note: expect.stringContaining('PrivateLink') });
    expect(doc.prices.items.find((p: { key: string }) => p.key === 'natGatewayHour')).toEqual({ key: 'natGatewayHour', usd: 0.045, unit: 'NAT gateway-hour', source: 'https://aws.amazon.com/vpc/pricing/', uncertain: false });
    expect(doc.perVpcNat).toMatchObject({ monthlyUsd: 1404, uncertain: false });
    expect(doc.perVpcNat.lines[0]).toEqual({ item: 'NAT gateways (one per VPC and AZ)', quantity: 29200, unit: 'NAT gateway-hour', unitUsd: 0.045, monthlyUsd: 1314, uncertain: false });
    expect(doc.sharedHub.uncertain).toBe(true);
    const hub = estimateCost({ vpcs: 20, azs: 2, gbPerMonth: 100 });
    expect(doc.sharedHub.monthlyUsd).toBe(usd(hub.sharedHub.monthlyUsd));
    expect(doc.savingsUsd).toBe(usd(1404 - hub.sharedHub.monthlyUsd));
    expect(doc.operatorMonthlyUsd).toBeGreaterThan(0);
    expect(doc.breakEvenVpcs).toBe(1);
    expect(doc.assumptions.join(' ')).toMatch(/billed like PrivateLink interface endpoints/);
  });

  test('human output: both tables, totals, savings, break-even, the prices with their date, uncertainty marked', async () => {
    const r = await egress(['cost', '--vpcs', '20']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Per-VPC NAT gateways$/m);
    expect(r.stdout).toMatch(/^Total\s+\$1,404\.00$/m);
    expect(r.stdout).toMatch(/^Resource endpoints \(one per VPC and AZ\)\s+29,200\s+\$0\.01\s+\$292\.00 \*$/m);
    expect(r.stdout).toMatch(/^Savings: \$[\d,.]+\/month \(\d+\.\d%\)$/m);
    expect(r.stdout).toMatch(/^Break-even: the hub is cheaper from 1 VPC$/m);
    expect(r.stdout).toMatch(/^20 VPCs × 2 AZs, 100 GB\/month each; hub in 2 AZs: 1 NAT gateway, 1 Squid instance$/m);
    expect(r.stdout).toMatch(/^Hub NAT gateways \(one\)\s+730\s+\$0\.045\s+\$32\.85$/m);
    expect(r.stdout).toMatch(/^Squid instances \(one\)\s+730\s+\$0\.0168\s+\$12\.26$/m);
    expect(r.stdout).toContain('Prices used (us-east-1 list prices, 2026-11; * = uncertain, verify):');
    expect(r.stdout).toMatch(/^ {2}\$0\.0000002 per Lambda request/m);
  });

  test('--ha and --nat-per-az: one Squid and one NAT gateway per hub AZ', async () => {
    const doc = await egressJson(['cost', '--vpcs', '20', '--hub-azs', '3', '--ha', '--nat-per-az']);
    expect(doc.input).toMatchObject({ hubAzs: 3, ha: true, natPerAz: true });
    const lines = Object.fromEntries(doc.sharedHub.lines.map((l: { item: string; quantity: number }) => [l.item, l.quantity]));
    expect(lines['Hub NAT gateways (one per hub AZ)']).toBe(3 * H);
    expect(lines['Squid instances (one per hub AZ)']).toBe(3 * H);
  });

  test('bad flags: one line, exit 2', async () => {
    const [missing, negative, word, zero] = await Promise.all([
      egress(['cost']), egress(['cost', '--vpcs', '3', '--gb-per-month', '-1']), egress(['cost', '--vpcs', 'many']), egress(['cost', '--vpcs', '0']),
    ]);
    for (const r of [missing, negative, word, zero]) expect(r.code).toBe(2);
    expectOneLineError(zero.stderr, '--vpcs', 'out of range (1-');
    expectOneLineError(missing.stderr, '--vpcs');
    expectOneLineError(negative.stderr, '--gb-per-month');
    expectOneLineError(word.stderr, '--vpcs');
  });
});
