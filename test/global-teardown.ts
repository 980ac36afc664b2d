/** Runs once after every test worker has finished: removes the test CDK apps' synthesis output (test/helpers/cdk-outdir.ts). */
import { rmSync } from 'node:fs';
import { CDK_TEST_OUTDIRS } from './helpers/cdk-outdir';

export default function removeCdkTestOutput(): void {
  rmSync(CDK_TEST_OUTDIRS, { recursive: true, force: true });
}
