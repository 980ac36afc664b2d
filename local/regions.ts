/**
 * The AWS Regions the local cloud knows (docs/local-cloud.md#regions). Every service keeps its state
 * per account and Region, chosen by the SigV4 credential scope; a request signed for any other Region
 * is refused the way AWS refuses it (see `invalidRegionMessage`).
 *
 * AZ ID prefixes and Availability Zone counts follow
 * https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html
 * (an AZ ID is the first letters of the Region code, its number, `-az` and a number: `euw1-az1`).
 */
export interface RegionInfo {
  name: string;
  /** AZ ID prefix: `use1` for us-east-1. */
  azIdPrefix: string;
  /** Availability Zones an account sees in this Region. */
  zoneCount: number;
  /** True for Regions whose AZ names AWS maps independently per account (the Regions launched before November 2012). */
  independentlyMappedAzs: boolean;
}

export const REGIONS: readonly RegionInfo[] = [
  { name: 'us-east-1', azIdPrefix: 'use1', zoneCount: 6, independentlyMappedAzs: true },
  { name: 'us-east-2', azIdPrefix: 'use2', zoneCount: 3, independentlyMappedAzs: false },
  { name: 'us-west-2', azIdPrefix: 'usw2', zoneCount: 4, independentlyMappedAzs: true },
  { name: 'eu-west-1', azIdPrefix: 'euw1', zoneCount: 3, independentlyMappedAzs: true },
  { name: 'eu-central-1', azIdPrefix: 'euc1', zoneCount: 3, independentlyMappedAzs: false },
  { name: 'ap-southeast-2', azIdPrefix: 'apse2', zoneCount: 3, independentlyMappedAzs: true },
];

export const KNOWN_REGIONS: readonly string[] = REGIONS.map((r) => r.name);

export function regionInfo(name: string): RegionInfo | undefined {
  return REGIONS.find((r) => r.name === name);
}

export function isKnownRegion(name: string): boolean {
  return regionInfo(name) !== undefined;
}

/**
 * What AWS answers a request whose SigV4 credential scope names a Region it does not have: a signature
 * error "Credential should be scoped to a valid region, not '<region>'." (HTTP 403; EC2 answers
 * `AuthFailure`, the JSON services `InvalidSignatureException`), as reported in
 * https://github.com/aws/aws-sdk-js-v3/issues/5576 and https://github.com/aws/aws-sdk-ruby/issues/508.
 */
export function invalidRegionMessage(region: string): string {
  return `Credential should be scoped to a valid region, not '${region}'.`;
}
