/** `egress cost` as data (the --json schema) and as text. Pure. */
import { hubCounts, OPERATOR_USAGE, type CostEstimate, type CostLine, type DesignCost } from './cost-model';
import { formatCount, renderTable } from './output';
import { priceList, PRICES, type PriceTable } from './prices';

const cents = (usd: number) => Math.round(usd * 100) / 100;
/** $0.0000002, not $2e-7. */
export const unitPrice = (usd: number) => `$${usd.toFixed(10).replace(/0+$/, '').replace(/\.$/, '')}`;
const money = (usd: number) => `$${cents(usd).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export const ASSUMPTIONS = [
  'Resource VPC endpoints (type Resource) are assumed to be billed like PrivateLink interface endpoints: $0.01 per hour per AZ and $0.01 per GB processed. Verify on the AWS pricing pages before budgeting.',
  'No separate charge is assumed for the VPC Lattice resource gateway and resource configuration.',
  `The operator: a fleet sweep every ${60 / OPERATOR_USAGE.sweepsPerHour} minutes (~${OPERATOR_USAGE.transitionsPerSweep} state transitions, ~${OPERATOR_USAGE.lambdaInvocationsPerSweep} Lambda invocations), plus one reconcile per change (~${OPERATOR_USAGE.transitionsPerReconcile} transitions, ~${OPERATOR_USAGE.lambdaInvocationsPerReconcile} invocations), Lambda at ${OPERATOR_USAGE.gbSecondsPerInvocation} GB-s per invocation; free tiers ignored.`,
  'Internet data transfer out is the same in both designs and is left out; so are cross-AZ transfer and the hub VPC itself.',
];

function lineJson(l: CostLine) {
  return { item: l.item, quantity: Math.round(l.quantity * 1000) / 1000, unit: l.unit, unitUsd: l.unitUsd, monthlyUsd: cents(l.monthlyUsd), uncertain: l.uncertain };
}
function designJson(d: DesignCost) {
  return { monthlyUsd: cents(d.monthlyUsd), uncertain: d.uncertain, lines: d.lines.map(lineJson) };
}

export function costJson(e: CostEstimate, prices: PriceTable = PRICES) {
  return {
    input: e.input,
    prices: {
      region: prices.region,
      date: prices.date,
      hoursPerMonth: prices.hoursPerMonth,
      items: priceList(prices).map(([key, p]) => ({ key, usd: p.usd, unit: p.unit, source: p.source, uncertain: p.uncertain === true, ...(p.note ? { note: p.note } : {}) })),
    },
    perVpcNat: designJson(e.perVpcNat),
    sharedHub: designJson(e.sharedHub),
    operatorMonthlyUsd: cents(e.operatorMonthlyUsd),
    savingsUsd: cents(e.savingsUsd),
    savingsPercent: Math.round(e.savingsPercent * 10) / 10,
    breakEvenVpcs: e.breakEvenVpcs,
    assumptions: ASSUMPTIONS,
  };
}

function designTable(title: string, d: DesignCost): string {
  const rows = [...d.lines, { item: 'Total', quantity: NaN, unit: '', unitUsd: NaN, monthlyUsd: d.monthlyUsd, uncertain: d.uncertain }];
  return `${title}\n${renderTable([
    { header: 'ITEM', value: (l: CostLine) => l.item },
    { header: 'QUANTITY', value: (l: CostLine) => (Number.isNaN(l.quantity) ? '' : formatCount(Math.round(l.quantity * 100) / 100)), align: 'right' },
    { header: 'UNIT PRICE', value: (l: CostLine) => (Number.isNaN(l.unitUsd) ? '' : unitPrice(l.unitUsd)), align: 'right' },
    { header: 'PER MONTH', value: (l: CostLine) => `${money(l.monthlyUsd)}${l.uncertain ? ' *' : ''}`, align: 'right' },
  ], rows)}`;
}

export function renderCost(e: CostEstimate, prices: PriceTable = PRICES): string {
  const { vpcs, azs, gbPerMonth, hubAzs } = e.input;
  const { natGateways, squids } = hubCounts(e.input);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const out: string[] = [
    `${plural(vpcs, 'VPC')} × ${plural(azs, 'AZ')}, ${formatCount(gbPerMonth)} GB/month each; hub in ${plural(hubAzs, 'AZ')}: ${plural(natGateways, 'NAT gateway')}, ${plural(squids, 'Squid instance')}`,
    '',
    designTable('Per-VPC NAT gateways', e.perVpcNat),
    '',
    designTable('Shared hub (egress-operator)', e.sharedHub),
    '',
    `Monthly: per-VPC NAT ${money(e.perVpcNat.monthlyUsd)}, shared hub ${money(e.sharedHub.monthlyUsd)} (operator itself ${money(e.operatorMonthlyUsd)})`,
    e.savingsUsd >= 0
      ? `Savings: ${money(e.savingsUsd)}/month (${e.savingsPercent.toFixed(1)}%)`
      : `Extra cost: ${money(-e.savingsUsd)}/month — at this size per-VPC NAT gateways are cheaper`,
    e.breakEvenVpcs === null
      ? 'Break-even: never — at this traffic per VPC the endpoint data charge outweighs the NAT hours saved'
      : `Break-even: the hub is cheaper from ${e.breakEvenVpcs} VPC${e.breakEvenVpcs === 1 ? '' : 's'}`,
    '',
    `Prices used (${prices.region} list prices, ${prices.date}; * = uncertain, verify):`,
    ...priceList(prices).map(([, p]) => `  ${unitPrice(p.usd)} per ${p.unit}${p.uncertain ? ' *' : ''}  ${p.source}`),
    '',
    'Assumptions:',
    ...ASSUMPTIONS.map((a) => `  - ${a}`),
  ];
  return out.join('\n');
}
