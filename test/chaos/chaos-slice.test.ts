/**
 * A short fixed-seed slice of the chaos campaign (`npm run chaos`, chaos/campaign.ts): six VPCs, two
 * rounds of faults, owner actions and drift beside foreign look-alikes, on a local cloud with eventual
 * consistency and throttling on. Once the faults stop, every invariant holds within 3 sweep periods.
 */
import { runCampaign } from '../../chaos/campaign';
import { summaryLine, violationLines } from '../../chaos/report';

jest.setTimeout(120_000);

test('seed 1, 6 VPCs, 2 rounds: converged, no duplicate, no leak, no foreign resource touched', async () => {
  const r = await runCampaign({ seed: 1, vpcs: 6, rounds: 2, roundSeconds: 3, sweepIntervalSeconds: 3 });
  // The summary names the seed, so a failure here is replayed with `npm run chaos -- --seed 1 --vpcs 6 --rounds 2 --round-seconds 3 --sweep-interval 3`.
  expect([...violationLines(r), summaryLine(r)]).toEqual([summaryLine(r)]);
  expect(r.converged).toBe(6);
  expect(r.maxEndpoints).toBeLessThanOrEqual(2);
  // The campaign really injected faults of several kinds and really ran the operator.
  expect(Object.keys(r.faults).length).toBeGreaterThanOrEqual(4);
  expect(r.calls).toBeGreaterThan(100);
});
