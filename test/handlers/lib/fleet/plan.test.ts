/** planSweep: work items, the per-sweep cap, running executions, and the proxy-path status marks. */
import type { DriftContext, FleetSnapshot, VpcDrift } from '../../../../handlers/lib/drift';
import { planSweep } from '../../../../handlers/lib/fleet/plan';

const ctx = (over: Partial<DriftContext> = {}): DriftContext => ({
  now: Date.parse('2026-11-20T12:00:00Z'), hub: { ok: true, arn: 'arn', host: '10.0.1.10', port: 3128 },
  proxy: { ok: true, reason: 'ProxyReachable: ok' }, sweepIntervalMs: 900_000, ...over,
});
const id = (i: number) => `vpc-${i.toString(16).padStart(17, '0')}`;
const snapshot = (states: Record<string, Record<string, string>>): FleetSnapshot => ({
  account: '111122223333', region: 'us-east-1', endpoints: [], groups: [], associations: [],
  vpcs: Object.entries(states).map(([vpcId, tags]) => ({ vpcId, tags: { egress: 'proxy', ...tags }, cidrs: ['10.0.0.0/16'] })),
});
const drifted = (vpcId: string): VpcDrift => ({ vpcId, generation: '0123456789', drift: [{ kind: 'EndpointMissing', detail: 'gone' }] });
const clean = (vpcId: string): VpcDrift => ({ vpcId, generation: '0123456789', drift: [] });
const degraded = { 'egress-proxy:state': 'Degraded', 'egress-proxy:reason': 'ProxyUnreachable: refused', 'egress-proxy': 'http://h:3128', 'egress-proxy:endpoint': 'vpce-1' };

test('only drifted VPCs become work, named for the sweep, with account and region', () => {
  const plan = planSweep([{ snapshot: snapshot({ [id(1)]: {}, [id(2)]: {} }), drift: [drifted(id(1)), clean(id(2))] }], ctx(), new Set());
  expect(plan.work).toEqual([{ vpcId: id(1), account: '111122223333', region: 'us-east-1', name: expect.stringMatching(new RegExp(`^${id(1)}-0123456789-s[0-9a-f]{8}$`)), why: 'EndpointMissing', trigger: 'sweep' }]);
  expect(plan).toMatchObject({ workCount: 1, deferred: 0, proxyMarkCount: 0, byKind: { EndpointMissing: 1 } });
});

test('VPCs with a running reconcile are skipped; past the cap the rest waits for the next sweep', () => {
  const drift = [1, 2, 3, 4].map((i) => drifted(id(i)));
  const plan = planSweep([{ snapshot: snapshot({}), drift }], ctx(), new Set([id(1)]), 2);
  expect(plan.work.map((w) => w.vpcId)).toEqual([id(2), id(3)]);
  expect(plan).toMatchObject({ skippedRunning: 1, deferred: 1 });
});

test('proxy down: one Degraded mark covering every opted-in Ready VPC', () => {
  const snap = snapshot({ [id(1)]: { 'egress-proxy:state': 'Ready' }, [id(2)]: { 'egress-proxy:state': 'Ready' }, [id(3)]: degraded });
  const plan = planSweep([{ snapshot: snap, drift: [] }], ctx({ proxy: { ok: false, reason: 'ProxyUnreachable: refused' } }), new Set());
  expect(plan.proxyMarks).toEqual([expect.objectContaining({ to: 'Degraded', reason: 'ProxyUnreachable: refused', fromStates: ['Ready'], seen: 2 })]);
  expect(plan.proxyMarkCount).toBe(2);
});

test('proxy back: Degraded VPCs with an address go Ready, except those with other drift', () => {
  const snap = snapshot({ [id(1)]: degraded, [id(2)]: degraded, [id(3)]: { ...degraded, 'egress-proxy:reason': 'AccessDenied: x' } });
  const plan = planSweep([{ snapshot: snap, drift: [clean(id(1)), drifted(id(2))] }], ctx(), new Set());
  expect(plan.proxyMarks).toEqual([expect.objectContaining({ to: 'Ready', reason: 'ProxyReachable: CONNECT through the proxy succeeded', exclude: [id(2)], requireAddress: true, seen: 1 })]);
});

test('hub gone: Ready and Degraded VPCs are marked Error with the reason', () => {
  const snap = snapshot({ [id(1)]: { 'egress-proxy:state': 'Ready' }, [id(2)]: degraded, [id(3)]: { 'egress-proxy:state': 'Error' } });
  const plan = planSweep([{ snapshot: snap, drift: [] }], ctx({ hub: { ok: false, problem: 'resource configuration gone' }, proxy: undefined }), new Set());
  expect(plan.proxyMarks).toEqual([expect.objectContaining({ to: 'Error', reason: 'HubUnavailable: resource configuration gone', seen: 2 })]);
});

test('the sweep paces the endpoints it will create, per account: the burst at once, then notBefore slots from the sweep\'s start', () => {
  const vpcs = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [id(i + 1), {}]));
  const neverReconciled = (vpcId: string): VpcDrift => ({ vpcId, generation: '0123456789', drift: [{ kind: 'NeverReconciled', detail: 'opted in, no egress-proxy:state' }] });
  const other = { ...snapshot({ [id(9)]: {} }), account: '444455556666' };
  const targets = [
    { snapshot: snapshot(vpcs), drift: Object.keys(vpcs).map(neverReconciled) },
    { snapshot: other, drift: [neverReconciled(id(9))] },
  ];
  const plan = planSweep(targets, ctx(), new Set(), undefined, { enabled: true, limits: { ratePerSecond: 0.25, burst: 3 } });
  expect(plan.work.map((w) => [w.vpcId, w.notBefore])).toEqual([
    [id(1), undefined], [id(2), undefined], [id(3), undefined],
    [id(4), '2026-11-20T12:00:04.000Z'], [id(5), '2026-11-20T12:00:08.000Z'],
    [id(9), undefined],
  ]);
  expect(planSweep(targets, ctx(), new Set(), undefined, { enabled: false }).work.every((w) => w.notBefore === undefined)).toBe(true);
});

test('drift repaired without creating an endpoint is not paced', () => {
  const ready = { 'egress-proxy:state': 'Ready', 'egress-proxy:endpoint': 'vpce-1' };
  const vpcs = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [id(i + 1), ready]));
  const tampered = (vpcId: string): VpcDrift => ({ vpcId, generation: '0123456789', drift: [{ kind: 'StatusTampered', detail: 'reason edited' }] });
  const plan = planSweep([{ snapshot: snapshot(vpcs), drift: Object.keys(vpcs).map(tampered) }], ctx(), new Set());
  expect(plan.work).toHaveLength(6);
  expect(plan.work.every((w) => w.notBefore === undefined)).toBe(true);
});

test('the largest plan the sweep can make (10 targets of drifted, Degraded VPCs) fits a Step Functions payload with room to spare', () => {
  const targets = Array.from({ length: 10 }, (_, t) => {
    const ids = Array.from({ length: 400 }, (_, i) => id(t * 1000 + i));
    const snap = { ...snapshot(Object.fromEntries(ids.map((v) => [v, degraded]))), account: String(100000000000 + t) };
    // Half drifted (work and exclusions), half only Degraded (recovered by the mark).
    return { snapshot: snap, drift: ids.map((v, i) => (i % 2 ? clean(v) : { ...drifted(v), generation: 'f'.repeat(10) })) };
  });
  const plan = planSweep(targets, ctx(), new Set());
  expect(plan.work.length).toBe(800);
  expect(plan.deferred).toBe(1200);
  expect(plan.proxyMarks.reduce((n, m) => n + m.exclude.length, 0)).toBeLessThanOrEqual(1000);
  // The sweep's state carries the plan beside the scan summary: keep the plan itself under 200 KiB of the 256 KiB.
  expect(Buffer.byteLength(JSON.stringify(plan))).toBeLessThan(200 * 1024);
});
