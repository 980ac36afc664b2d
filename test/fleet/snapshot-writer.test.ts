/**
 * What the sweep writes to the fleet snapshot from its per-target reads: every VPC once (a VPC shared
 * into two targets counts once), the targets read, and the targets that could not be read named with
 * their reason, so DetectOverlaps falls back to a fleet read rather than miss their VPCs.
 */
import { collectSnapshot } from '../../handlers/lib/fleet/snapshot-writer';

const a = { account: '111111111111', region: 'us-east-1' };
const b = { account: '222222222222', region: 'us-east-1' };
const c = { account: '333333333333', region: 'eu-west-1' };

test('VPCs once each, covered targets in order, unreadable targets named with their reason', () => {
  const out = collectSnapshot([
    { target: a, vpcs: [{ vpcId: 'vpc-1', cidrs: ['10.0.0.0/16'] }, { vpcId: 'vpc-2', cidrs: ['10.1.0.0/16'] }] },
    { target: c, error: 'AccessDenied: not authorized' },
    { target: b, vpcs: [{ vpcId: 'vpc-2', cidrs: ['10.1.0.0/16'] }, { vpcId: 'vpc-3', cidrs: [] }] },
  ]);
  expect(out.vpcs.map((v) => v.vpcId)).toEqual(['vpc-1', 'vpc-2', 'vpc-3']);
  expect(out.covered).toEqual([a, b]);
  expect(out.missed).toEqual(['333333333333:eu-west-1 (AccessDenied: not authorized)']);
});
