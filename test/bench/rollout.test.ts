/**
 * A short fixed slice of the rollout benchmark (bench/rollout.ts): 20 VPCs in 2 accounts tagged at
 * once, throttling on, IAM enforced, today's design (fleet snapshot, pacing). The targets the full
 * benchmark measures at 1,000 and 2,000 VPCs, held here: no failed execution, every VPC Ready, at most
 * 15 AWS calls per onboarded VPC (every service counted), at most 1% of calls throttled, at most 15
 * billed state transitions per VPC, and DetectOverlaps reading the sweep's snapshot instead of every
 * account's VPCs.
 * AWS time runs 10× faster here, not 30×: local CPU is not sped up, so a stall of this busy test process
 * (GC, the other jest workers) becomes 10× as many AWS seconds, and at 30× a half-second stall bunched
 * paced runs into CreateVpcEndpoint's bucket often enough to fail the 1% bound now and then.
 */
import { runRollout, type RolloutFigures } from '../../bench/lib/rollout-run';

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
const VPCS = 20;
let figures: RolloutFigures;

/** `value` ≤ `limit`, or a failure that names what drove it (the figures by operation). */
function expectAtMost(what: string, value: number, limit: number, detail: Record<string, number>): void {
  if (value > limit) throw new Error(`${what}: ${value.toFixed(2)} > ${limit}; by operation: ${JSON.stringify(detail)}`);
}

beforeAll(async () => {
  figures = await runRollout({ vpcs: VPCS, accounts: 2, design: 'snapshot', speedup: 10, iam: 'enforce', deadlineSweeps: 4 });
}, 900_000);

test('every VPC reaches Ready and no execution fails', () => {
  expect(figures.executions.failures).toEqual([]);
  expect(figures.notReady).toEqual({});
  expect(figures.ready).toBe(VPCS);
});

test('every DetectOverlaps used the sweep\'s snapshot: no whole-fleet read, no rewrite but the sweeps\'', () => {
  expect(Object.keys(figures.overlapSources)).toEqual(['snapshot']);
  expect(figures.overlapSources.snapshot).toBeGreaterThanOrEqual(VPCS);
  expect(figures.apiByOperation['s3:PutObject'] ?? 0).toBeLessThanOrEqual(2);
});

test('every reconcile was started by the tag event, none had to wait for the sweep', () => {
  expect(figures.executions.startedBy['tag-event']).toBe(VPCS);
  expect(figures.executions.startedBy.sweep ?? 0).toBe(0);
  expect(figures.dispatcherInvocations).toBe(VPCS);
});

test('at most 15 AWS calls per onboarded VPC, every service counted', () => {
  const services = new Set(Object.keys(figures.apiByOperation).map((op) => op.split(':')[0]));
  // EC2, Step Functions (the dispatcher's StartExecution) and EventBridge (status events) at least; the
  // snapshot's one GetObject was made by the warm-up run, whose DetectOverlaps environment keeps it.
  expect([...services]).toEqual(expect.arrayContaining(['ec2', 'states', 'events']));
  expectAtMost('AWS calls per VPC', figures.apiCalls / VPCS, 15, figures.apiByOperation);
});

test('at most 1% of AWS calls throttled', () => {
  expectAtMost('% of calls throttled', (100 * figures.throttled) / figures.apiCalls, 1, figures.throttledByOperation);
});

test('at most 15 billed state transitions per VPC', () => {
  expect(figures.transitions / VPCS).toBeLessThanOrEqual(15);
});
