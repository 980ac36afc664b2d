/**
 * The list prices `egress cost` uses: us-east-1, on-demand, as published in the month named by
 * `PRICES.date`. Every price says where it comes from; `uncertain: true` marks the ones that are an
 * assumption to verify before anyone budgets on them (the output says so next to the number).
 */
export interface Price {
  /** US dollars per `unit`. */
  usd: number;
  unit: string;
  source: string;
  uncertain?: true;
  note?: string;
}

export interface PriceTable {
  region: string;
  /** When these list prices were read (YYYY-MM). */
  date: string;
  hoursPerMonth: number;
  natGatewayHour: Price;
  natGatewayGb: Price;
  squidInstanceHour: Price;
  squidVolumeGbMonth: Price;
  resourceEndpointAzHour: Price;
  resourceEndpointGb: Price;
  stateTransition: Price;
  lambdaGbSecond: Price;
  lambdaRequest: Price;
}

export const PRICES: PriceTable = {
  region: 'us-east-1',
  date: '2026-11',
  hoursPerMonth: 730,
  natGatewayHour: { usd: 0.045, unit: 'NAT gateway-hour', source: 'https://aws.amazon.com/vpc/pricing/' },
  natGatewayGb: { usd: 0.045, unit: 'GB processed by a NAT gateway', source: 'https://aws.amazon.com/vpc/pricing/' },
  squidInstanceHour: {
    usd: 0.0168, unit: 'EC2 t4g.small instance-hour (Squid)', source: 'https://aws.amazon.com/ec2/pricing/on-demand/',
  },
  squidVolumeGbMonth: { usd: 0.08, unit: 'GB-month of EBS gp3 (Squid root volume)', source: 'https://aws.amazon.com/ebs/pricing/' },
  resourceEndpointAzHour: {
    usd: 0.01, unit: 'resource VPC endpoint-hour per AZ', source: 'https://aws.amazon.com/privatelink/pricing/', uncertain: true,
    note: 'assumed billed like a PrivateLink interface endpoint ($0.01/h per AZ); verify for endpoints of type Resource',
  },
  resourceEndpointGb: {
    usd: 0.01, unit: 'GB processed by a resource VPC endpoint', source: 'https://aws.amazon.com/privatelink/pricing/', uncertain: true,
    note: 'assumed billed like a PrivateLink interface endpoint ($0.01/GB, first PB tier); verify for endpoints of type Resource',
  },
  stateTransition: {
    usd: 0.000025, unit: 'Step Functions Standard state transition ($0.025 per 1,000)', source: 'https://aws.amazon.com/step-functions/pricing/',
  },
  lambdaGbSecond: { usd: 0.0000133334, unit: 'Lambda arm64 GB-second', source: 'https://aws.amazon.com/lambda/pricing/' },
  lambdaRequest: { usd: 0.0000002, unit: 'Lambda request ($0.20 per million)', source: 'https://aws.amazon.com/lambda/pricing/' },
};

/** The prices in the order the output lists them, with their key. */
export function priceList(table: PriceTable = PRICES): Array<[string, Price]> {
  return Object.entries(table).filter((e): e is [string, Price] => typeof e[1] === 'object' && e[1] !== null && 'usd' in e[1]);
}
