/**
 * Where test CDK apps synthesize: a fresh directory under the checkout's `.tmp/cdk-test/` (ignored by
 * git) instead of the system temp folder, where every App without an `outdir` leaves a `cdk.out…`
 * directory that nothing removes (about 0.6 MB per app, hundreds per run). test/global-teardown.ts
 * removes the folder after the run.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';

export const CDK_TEST_OUTDIRS = join(__dirname, '..', '..', '.tmp', 'cdk-test');

export function cdkTestOutdir(): string {
  mkdirSync(CDK_TEST_OUTDIRS, { recursive: true });
  return mkdtempSync(join(CDK_TEST_OUTDIRS, 'app-'));
}
