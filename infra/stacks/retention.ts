/** Log retention from a number of days, refusing values CloudWatch Logs does not offer. */
import * as logs from 'aws-cdk-lib/aws-logs';

export function retention(days: number): logs.RetentionDays {
  const allowed = Object.values(logs.RetentionDays).filter((v): v is number => typeof v === 'number');
  if (!allowed.includes(days)) throw new Error(`logRetentionDays=${days} is not one of ${allowed.join(', ')}`);
  return days as logs.RetentionDays;
}
