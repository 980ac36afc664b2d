/**
 * The pure cost model behind `egress cost`: per-VPC NAT gateways against the shared hub (NAT gateways
 * and Squid instances as the CDK app deploys them, a resource endpoint per project VPC and AZ) plus the
 * operator itself. The hub defaults are the CDK app's (infra/config.ts): one NAT gateway, one Squid.
 * Everything is linear in the VPC count, so the break-even count follows from two evaluations.
 */
import { defaultConfig } from '../../infra/config';
import { PRICES, type Price, type PriceTable } from './prices';

export interface CostInput {
  vpcs: number;
  /** AZs each project VPC uses (one NAT gateway per AZ in the per-VPC design). */
  azs: number;
  /** Internet-bound GB per VPC per month. */
  gbPerMonth: number;
  /** AZs of the hub; default: the CDK app's `azCount`. */
  hubAzs?: number;
  /** One Squid per hub AZ (CDK `highAvailability=true`); default: one Squid. */
  ha?: boolean;
  /** One NAT gateway per hub AZ (CDK `natGateways=per-az`); default: one NAT gateway. */
  natPerAz?: boolean;
  /** Spec changes (tag edits, drift repairs) per VPC per month, each one reconcile execution; default 1. */
  changesPerVpc?: number;
}

/** The CDK app's hub defaults, read from its config schema so the two cannot drift apart. */
const CDK = defaultConfig();
/**
 * Hub AZs when the config names none: the CDK app then uses every AZ of the region, which only a deploy
 * can count; the estimate assumes two (override with --hub-azs).
 */
export const ASSUMED_HUB_AZS = 2;
export const HUB_DEFAULTS = {
  hubAzs: CDK.availabilityZoneIds.length || ASSUMED_HUB_AZS, ha: CDK.highAvailability, natPerAz: CDK.natGateways === 'per-az',
} as const;

/** Root volume of each Squid instance (infra/constructs/squid-fleet.ts). */
export const SQUID_VOLUME_GB = 8;

/** What one operator run costs, in the units AWS bills (documented assumptions, not measurements). */
export const OPERATOR_USAGE = {
  sweepsPerHour: 4,
  transitionsPerSweep: 3,
  lambdaInvocationsPerSweep: 5,
  transitionsPerReconcile: 12,
  lambdaInvocationsPerReconcile: 8,
  /** Average GB-seconds per invocation: 256 MB for ~1 s. */
  gbSecondsPerInvocation: 0.25,
} as const;

export interface CostLine {
  item: string;
  quantity: number;
  unit: string;
  unitUsd: number;
  monthlyUsd: number;
  uncertain: boolean;
}

export interface DesignCost {
  lines: CostLine[];
  monthlyUsd: number;
  /** True when any line rests on an uncertain price. */
  uncertain: boolean;
}

export interface CostEstimate {
  input: Required<CostInput>;
  perVpcNat: DesignCost;
  sharedHub: DesignCost;
  /** The operator's own share of `sharedHub` (its lines are included there). */
  operatorMonthlyUsd: number;
  savingsUsd: number;
  /** Savings as a percentage of the per-VPC NAT design (0 when that costs nothing). */
  savingsPercent: number;
  /** Fewest VPCs at which the hub costs no more than per-VPC NAT; null when it never does. */
  breakEvenVpcs: number | null;
}

function line(item: string, quantity: number, price: Price): CostLine {
  return { item, quantity, unit: price.unit, unitUsd: price.usd, monthlyUsd: quantity * price.usd, uncertain: price.uncertain === true };
}

function design(lines: CostLine[]): DesignCost {
  return { lines, monthlyUsd: lines.reduce((s, l) => s + l.monthlyUsd, 0), uncertain: lines.some((l) => l.uncertain) };
}

export function withDefaults(input: CostInput): Required<CostInput> {
  return {
    ...input,
    hubAzs: input.hubAzs ?? HUB_DEFAULTS.hubAzs,
    ha: input.ha ?? HUB_DEFAULTS.ha,
    natPerAz: input.natPerAz ?? HUB_DEFAULTS.natPerAz,
    changesPerVpc: input.changesPerVpc ?? 1,
  };
}

/** NAT gateways and Squid instances of the hub, as the CDK app deploys them. */
export function hubCounts(input: Required<CostInput>): { natGateways: number; squids: number } {
  return { natGateways: input.natPerAz ? input.hubAzs : 1, squids: input.ha ? input.hubAzs : 1 };
}

export function perVpcNatCost(input: Required<CostInput>, p: PriceTable = PRICES): DesignCost {
  return design([
    line('NAT gateways (one per VPC and AZ)', input.vpcs * input.azs * p.hoursPerMonth, p.natGatewayHour),
    line('NAT data processing', input.vpcs * input.gbPerMonth, p.natGatewayGb),
  ]);
}

export function operatorLines(input: Required<CostInput>, p: PriceTable = PRICES): CostLine[] {
  const u = OPERATOR_USAGE;
  const sweeps = u.sweepsPerHour * p.hoursPerMonth;
  const reconciles = input.vpcs * input.changesPerVpc;
  const invocations = sweeps * u.lambdaInvocationsPerSweep + reconciles * u.lambdaInvocationsPerReconcile;
  return [
    line('Operator: state transitions (sweeps + reconciles)', sweeps * u.transitionsPerSweep + reconciles * u.transitionsPerReconcile, p.stateTransition),
    line('Operator: Lambda compute', invocations * u.gbSecondsPerInvocation, p.lambdaGbSecond),
    line('Operator: Lambda requests', invocations, p.lambdaRequest),
  ];
}

export function sharedHubCost(input: Required<CostInput>, p: PriceTable = PRICES): DesignCost {
  const { natGateways, squids } = hubCounts(input);
  return design([
    line(`Hub NAT gateways (${input.natPerAz ? 'one per hub AZ' : 'one'})`, natGateways * p.hoursPerMonth, p.natGatewayHour),
    line('Hub NAT data processing', input.vpcs * input.gbPerMonth, p.natGatewayGb),
    line(`Squid instances (${input.ha ? 'one per hub AZ' : 'one'})`, squids * p.hoursPerMonth, p.squidInstanceHour),
    line(`Squid root volumes (${SQUID_VOLUME_GB} GB each)`, squids * SQUID_VOLUME_GB, p.squidVolumeGbMonth),
    line('Resource endpoints (one per VPC and AZ)', input.vpcs * input.azs * p.hoursPerMonth, p.resourceEndpointAzHour),
    line('Resource endpoint data processing', input.vpcs * input.gbPerMonth, p.resourceEndpointGb),
    ...operatorLines(input, p),
  ]);
}

/** Smallest VPC count where the hub is no dearer than per-VPC NAT gateways (both are linear in it). */
export function breakEven(input: Required<CostInput>, p: PriceTable = PRICES): number | null {
  const at = (vpcs: number) => ({ nat: perVpcNatCost({ ...input, vpcs }, p).monthlyUsd, hub: sharedHubCost({ ...input, vpcs }, p).monthlyUsd });
  const zero = at(0);
  const one = at(1);
  const fixed = zero.hub - zero.nat;
  const slope = (one.nat - zero.nat) - (one.hub - zero.hub);
  if (fixed <= 0) return 1;
  if (slope <= 0) return null;
  return Math.max(1, Math.ceil(fixed / slope - 1e-9));
}

export function estimateCost(raw: CostInput, p: PriceTable = PRICES): CostEstimate {
  const input = withDefaults(raw);
  const perVpcNat = perVpcNatCost(input, p);
  const sharedHub = sharedHubCost(input, p);
  const operatorMonthlyUsd = operatorLines(input, p).reduce((s, l) => s + l.monthlyUsd, 0);
  const savingsUsd = perVpcNat.monthlyUsd - sharedHub.monthlyUsd;
  return {
    input, perVpcNat, sharedHub, operatorMonthlyUsd, savingsUsd,
    savingsPercent: perVpcNat.monthlyUsd > 0 ? (savingsUsd / perVpcNat.monthlyUsd) * 100 : 0,
    breakEvenVpcs: breakEven(input, p),
  };
}
