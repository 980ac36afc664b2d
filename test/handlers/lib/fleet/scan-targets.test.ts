/** One failing fleet target is skipped and named; the others are swept (docs/design.md#workflows). */
import type { FleetSnapshot } from '../../../../handlers/lib/drift/types';
import { scanTargets } from '../../../../handlers/lib/fleet/scan-targets';

const A = { account: '111111111111', region: 'us-east-1' };
const B = { account: '222222222222', region: 'us-east-1' };
const C = { account: '222222222222', region: 'eu-west-1' };
const snapshot = (t: { account: string; region: string }): FleetSnapshot => ({ ...t, vpcs: [], endpoints: [], groups: [], associations: [] });
const sdkError = (name: string, status: number) => Object.assign(new Error(`${name} said no`), { name, $metadata: { httpStatusCode: status }, $fault: status >= 500 ? 'server' : 'client' });

it('a target whose reads fail is skipped with the named error; the others are read', async () => {
  const out = await scanTargets([A, B, C], async (t) => {
    if (t === B) throw sdkError('InternalError', 500);
    return snapshot(t);
  });
  expect(out.snapshots.map((s) => `${s.account}:${s.region}`)).toEqual(['111111111111:us-east-1', '222222222222:eu-west-1']);
  expect(out.skipped).toEqual([{ ...B, error: 'AwsTransient', message: 'scan 222222222222:us-east-1: InternalError: InternalError said no' }]);
});

it('a denied member role is skipped too (and says AccessDenied)', async () => {
  const out = await scanTargets([A, B], async (t) => { if (t === A) throw sdkError('AccessDenied', 403); return snapshot(t); });
  expect(out.skipped.map((s) => [s.account, s.error])).toEqual([['111111111111', 'AccessDenied']]);
  expect(out.snapshots).toHaveLength(1);
});

it('when no target can be read the sweep fails with the first error (the workflow Retry takes it)', async () => {
  await expect(scanTargets([A, B], async () => { throw sdkError('InternalError', 500); })).rejects.toThrow('InternalError said no');
});
