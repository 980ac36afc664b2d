/** The fleet snapshot's decisions, purely: use it, or fall back (and why), and the fleet it gives. */
import {
  buildSnapshot, decideSnapshotUse, fleetFromSnapshot, snapshotMaxAgeMs, SNAPSHOT_FORMAT_VERSION,
} from '../../handlers/lib/fleet/snapshot-plan';

const NOW = Date.parse('2026-11-30T12:00:00Z');
const targets = [{ account: '123456789012', region: 'us-east-1' }, { account: '210987654321', region: 'us-east-1' }];
const vpcs = [
  { vpcId: 'vpc-00000001', account: '123456789012', region: 'us-east-1', cidrs: ['10.0.0.0/16'] },
  { vpcId: 'vpc-00000002', account: '210987654321', region: 'us-east-1', cidrs: ['10.0.0.0/16', '10.1.0.0/16'] },
];
const body = (takenAtMs: number, over: Record<string, unknown> = {}) =>
  JSON.stringify({ ...buildSnapshot(vpcs, targets, takenAtMs, 'sweep'), ...over });
const ctx = { now: NOW, maxAgeMs: 1800_000, targets };

test('a snapshot younger than the bound that covers every target is used, with its age', () => {
  const d = decideSnapshotUse({ kind: 'found', body: body(NOW - 600_000) }, ctx);
  expect(d).toMatchObject({ use: true, ageMs: 600_000 });
  expect(d.use && d.snapshot.vpcs).toHaveLength(2);
});

test.each([
  ['missing', { kind: 'missing' as const }, /no fleet snapshot/],
  ['unreadable', { kind: 'unreadable' as const, reason: 'GetObject: AccessDenied: …' }, /AccessDenied/],
])('%s: falls back to the fleet read', (why, read, detail) => {
  expect(decideSnapshotUse(read, ctx)).toEqual({ use: false, why, detail: expect.stringMatching(detail) });
});

test('a body that is not JSON, or not a snapshot of this format version, is unreadable, naming the problem', () => {
  expect(decideSnapshotUse({ kind: 'found', body: '{"formatVersion":' }, ctx)).toMatchObject({ use: false, why: 'unreadable', detail: expect.stringMatching(/^not JSON/) });
  expect(decideSnapshotUse({ kind: 'found', body: body(NOW, { formatVersion: SNAPSHOT_FORMAT_VERSION + 1 }) }, ctx))
    .toMatchObject({ use: false, why: 'unreadable', detail: expect.stringMatching(/^not a fleet snapshot: formatVersion/) });
  expect(decideSnapshotUse({ kind: 'found', body: body(NOW, { vpcs: [{ vpcId: 'vpc-1' }] }) }, ctx))
    .toMatchObject({ use: false, why: 'unreadable', detail: expect.stringMatching(/vpcs\.0\./) });
});

test('older than the bound is stale: one second past it falls back, at the bound it is used', () => {
  expect(decideSnapshotUse({ kind: 'found', body: body(NOW - 1801_000) }, ctx)).toMatchObject({ use: false, why: 'stale', detail: 'taken 1801 s ago, older than 1800 s' });
  expect(decideSnapshotUse({ kind: 'found', body: body(NOW - 1800_000) }, ctx)).toMatchObject({ use: true });
});

test('a snapshot that lacks a fleet target (added since, or unreadable at the sweep) is not used', () => {
  const more = [...targets, { account: '345678901234', region: 'us-east-1' }];
  expect(decideSnapshotUse({ kind: 'found', body: body(NOW) }, { ...ctx, targets: more }))
    .toEqual({ use: false, why: 'targets-changed', detail: 'does not cover 345678901234:us-east-1' });
});

test('the fleet is the snapshot without this VPC, plus this VPC as read now', () => {
  const snapshot = JSON.parse(body(NOW));
  const own = { vpcId: 'vpc-00000002', account: '210987654321', region: 'us-east-1', cidrs: ['192.168.0.0/16'] };
  expect(fleetFromSnapshot(snapshot, own)).toEqual([vpcs[0], own]);
  const fresh = { vpcId: 'vpc-00000003', cidrs: ['10.0.0.0/24'] };
  expect(fleetFromSnapshot(snapshot, fresh).map((v) => v.vpcId)).toEqual(['vpc-00000001', 'vpc-00000002', 'vpc-00000003']);
});

test('the staleness bound: two sweep periods by default, FLEET_SNAPSHOT_MAX_AGE_SECONDS when set, a clear error when invalid', () => {
  expect(snapshotMaxAgeMs(undefined, 900)).toBe(1800_000);
  expect(snapshotMaxAgeMs('', 900)).toBe(1800_000);
  expect(snapshotMaxAgeMs('300', 900)).toBe(300_000);
  expect(() => snapshotMaxAgeMs('soon', 900)).toThrow('FLEET_SNAPSHOT_MAX_AGE_SECONDS must be a positive number of seconds, got "soon"');
  expect(() => snapshotMaxAgeMs('-5', 900)).toThrow(/positive/);
});

test('a built snapshot carries the format version, the time, who took it and the targets it covers', () => {
  expect(buildSnapshot([{ vpcId: 'vpc-1', cidrs: ['10.0.0.0/8'] }], targets.slice(0, 1), NOW, 'fallback')).toEqual({
    formatVersion: 1, takenAt: '2026-11-30T12:00:00.000Z', takenBy: 'fallback',
    targets: [{ account: '123456789012', region: 'us-east-1' }],
    vpcs: [{ vpcId: 'vpc-1', account: '', region: '', cidrs: ['10.0.0.0/8'] }],
  });
});
