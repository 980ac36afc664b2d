/** The finalize planner, table-driven: endpoints first, groups once the endpoints are gone; retain drops ownership. */
import { DELETING_REASON, finalizeWrites, planFinalize, RETAINING_REASON } from '../../../../handlers/lib/plan/finalize';

const ep = (id: string, state = 'Available') => ({ id, state });

describe('planFinalize', () => {
  it.each([
    ['nothing owned: nothing to do', [], [], false, []],
    ['live endpoint and group: mark, delete the endpoint, wait for it', [ep('vpce-1')], ['sg-1'], false, [
      { kind: 'MarkDeleting', reason: DELETING_REASON, removeAddress: false },
      { kind: 'DeleteEndpoints', ids: ['vpce-1'] },
      { kind: 'AwaitEndpointsGone', ids: ['vpce-1'] },
    ]],
    ['endpoint deleting, group left: wait (no second delete)', [ep('vpce-1', 'deleting')], ['sg-1'], false, [
      { kind: 'MarkDeleting', reason: DELETING_REASON, removeAddress: false },
      { kind: 'AwaitEndpointsGone', ids: ['vpce-1'] },
    ]],
    ['endpoints deleted: the address goes and so do the groups', [ep('vpce-1', 'Deleted')], ['sg-1', 'sg-2'], false, [
      { kind: 'MarkDeleting', reason: DELETING_REASON, removeAddress: true },
      { kind: 'DeleteSecurityGroups', ids: ['sg-1', 'sg-2'] },
    ]],
    ['a failed endpoint is deleted like a live one', [ep('vpce-1', 'failed')], [], false, [
      { kind: 'MarkDeleting', reason: DELETING_REASON, removeAddress: false },
      { kind: 'DeleteEndpoints', ids: ['vpce-1'] },
      { kind: 'AwaitEndpointsGone', ids: ['vpce-1'] },
    ]],
    ['retain: keep everything, drop our ownership tags', [ep('vpce-1')], ['sg-1'], true, [
      { kind: 'MarkDeleting', reason: RETAINING_REASON, removeAddress: false },
      { kind: 'DropOwnership', ids: ['vpce-1', 'sg-1'] },
    ]],
    ['only an endpoint already on its way out: wait, write nothing', [ep('vpce-1', 'Deleting')], [], false, [
      { kind: 'AwaitEndpointsGone', ids: ['vpce-1'] },
    ]],
  ])('%s', (_name, endpoints, groupIds, retain, actions) => {
    expect(planFinalize({ endpoints, groupIds, retain })).toEqual(actions);
  });

  it('waiting for AWS to finish a deletion is not a write', () => {
    expect(finalizeWrites([{ kind: 'AwaitEndpointsGone', ids: ['vpce-1'] }])).toEqual([]);
  });
});
