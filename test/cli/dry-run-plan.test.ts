/** The plan `egress reconcile --dry-run` prints, read from a dry run's output (the workflow state). */
import { dryRunPlan, renderDryRunPlan } from '../../cli/lib/dry-run-plan';

describe('dry-run plan', () => {
  test('opted in, nothing yet: create the security group with its rule, create the endpoint', () => {
    const plan = dryRunPlan({
      observed: { desired: 'present', spec: { deletionPolicy: 'delete' } },
      overlaps: { tag: '1: vpc-0bbbbbbbbbbbbbbb2' },
      securityGroup: { groupId: '(to be created)', plan: { authorize: [{ protocol: 'tcp', fromPort: 3128, toPort: 3128, cidr: '10.0.0.0/16' }], revoke: [] } },
      endpoint: { endpointId: '', plan: { create: true, delete: [], reasons: {}, serving: [] } },
    });
    expect(plan.changes.map((c) => [c.action, c.resource, c.id, c.detail])).toEqual([
      ['create', 'security-group', null, 'owned security group for the endpoint'],
      ['authorize', 'ingress-rule', null, 'tcp 3128 from 10.0.0.0/16'],
      ['create', 'endpoint', null, 'resource endpoint to the hub\'s resource configuration'],
    ]);
    expect(renderDryRunPlan(plan)).toBe([
      'Plan      opted in: converge (dry run: nothing was changed)',
      'Overlaps  1: vpc-0bbbbbbbbbbbbbbb2',
      '          create    security-group: owned security group for the endpoint',
      '          authorize ingress-rule: tcp 3128 from 10.0.0.0/16',
      '          create    endpoint: resource endpoint to the hub\'s resource configuration',
    ].join('\n'));
  });

  test('drift: a stale rule is revoked, a duplicate endpoint deleted with its reason', () => {
    const plan = dryRunPlan({
      observed: { desired: 'present' },
      securityGroup: { groupId: 'sg-0123', plan: { authorize: [], revoke: [{ protocol: 'tcp', fromPort: 3128, toPort: 3128, cidr: '10.9.0.0/16' }] } },
      endpoint: { plan: { keep: 'vpce-1', create: false, delete: ['vpce-2'], reasons: { 'vpce-2': 'duplicate of vpce-1' } } },
    });
    expect(plan.changes.map((c) => `${c.action} ${c.resource} ${c.id}: ${c.detail}`)).toEqual([
      'keep security-group sg-0123: owned security group',
      'revoke ingress-rule sg-0123: tcp 3128 from 10.9.0.0/16',
      'keep endpoint vpce-1: matches the spec',
      'delete endpoint vpce-2: duplicate of vpce-1',
    ]);
  });

  test('opted out: finalize deletes (or, with deletion-policy=retain, retains) what is owned', () => {
    const out = (deletionPolicy: string) => dryRunPlan({
      observed: { desired: 'absent', spec: { deletionPolicy } },
      finalized: { plan: { endpoints: [{ id: 'vpce-1', state: 'available' }], groups: [{ GroupId: 'sg-1' }] } },
    });
    expect(out('delete').changes.map((c) => `${c.action} ${c.resource} ${c.id ?? ''}`.trim())).toEqual(['delete endpoint vpce-1', 'delete security-group sg-1', 'delete status']);
    expect(out('retain').changes.slice(0, 2).map((c) => c.action)).toEqual(['retain', 'retain']);
    expect(renderDryRunPlan(out('delete'))).toMatch(/^Plan {6}opted out: finalize/);
  });

  test('a run that stopped before planning says so', () => {
    expect(renderDryRunPlan(dryRunPlan(undefined))).toBe('Plan      stopped before planning (dry run: nothing was changed)\n          nothing to change');
  });
});
