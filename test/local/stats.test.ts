import { EventualConsistency } from '../../local/consistency';
import { createStats } from '../../local/stats';

test('unknown operations are counted apart from real calls', () => {
  const stats = createStats();
  stats.countApiCall('ec2:DescribeVpcs');
  stats.countUnknownOperation('ec2:RunInstances');
  stats.countUnknownOperation('ec2:RunInstances');
  expect(stats.snapshot()).toMatchObject({ apiCalls: { 'ec2:DescribeVpcs': 1 }, unknownOperations: { 'ec2:RunInstances': 2 } });
  expect(stats.snapshot().eventualConsistency).toBeUndefined();
  stats.reset();
  expect(stats.snapshot().unknownOperations).toEqual({});
});

test('the eventual-consistency seed and its live draw count are recorded, so a run can be replayed', () => {
  const stats = createStats();
  const ec = new EventualConsistency({ seed: 31337 });
  stats.recordConsistency(ec);
  ec.invisibleForMs();
  expect(stats.snapshot().eventualConsistency).toEqual({ seed: 31337, draws: ec.draws });
  expect(ec.draws).toBeGreaterThan(0);
});

test('throttled calls are counted per service:Operation, sorted, and cleared by a reset', () => {
  const stats = createStats();
  stats.countThrottled('states:StartExecution');
  stats.countThrottled('ec2:DescribeVpcs');
  stats.countThrottled('ec2:DescribeVpcs');
  expect(Object.entries(stats.snapshot().throttled)).toEqual([['ec2:DescribeVpcs', 2], ['states:StartExecution', 1]]);
  stats.reset();
  expect(stats.snapshot().throttled).toEqual({});
});
