/**
 * What onboarding cost, per onboarded VPC, from the measured figures and AWS public prices
 * (bench/lib/sweep-cost.ts PRICES; S3 Standard requests: PUT $0.005 and GET $0.0004 per 1,000,
 * aws.amazon.com/s3/pricing, us-east-1). EC2, VPC Lattice and Step Functions API calls are free.
 */
import { PRICES, type Figures } from './sweep-cost';

export const S3_PRICES = { put: 0.005 / 1000, get: 0.0004 / 1000 };

export interface RolloutCost { perVpcUsd: number; transitionsUsd: number; lambdaUsd: number; s3Usd: number }

export function rolloutCost(f: Figures, vpcs: number): RolloutCost {
  const transitionsUsd = f.transitions * PRICES.standardTransition + f.expressRequests * PRICES.expressRequest;
  const lambdaUsd = f.lambdaInvocations * PRICES.lambdaRequest + f.lambdaSeconds * PRICES.lambdaMemoryGb * PRICES.lambdaGbSecondArm;
  const s3Usd = (f.apiByOperation['s3:PutObject'] ?? 0) * S3_PRICES.put + (f.apiByOperation['s3:GetObject'] ?? 0) * S3_PRICES.get;
  const n = Math.max(1, vpcs);
  return { perVpcUsd: (transitionsUsd + lambdaUsd + s3Usd) / n, transitionsUsd, lambdaUsd, s3Usd };
}
