/** The endpoint readiness planner, table-driven. */
import { endpointPhase, planReadiness } from '../../../../handlers/lib/plan/readiness';

const accessible = { accessibility: 'Accessible', dnsNames: ['vpce-1-x.rcfg-1.vpc-lattice-rsc.us-east-1.on.aws'] };

describe('endpointPhase', () => {
  it.each([
    ['Pending', 'waiting'], ['pendingAcceptance', 'waiting'], ['available', 'available'], ['Available', 'available'],
    ['Deleting', 'going'], ['deleted', 'going'], ['Failed', 'failed'], ['rejected', 'failed'], ['Expired', 'failed'], [undefined, 'failed'],
  ])('%s → %s', (state, phase) => {
    expect(endpointPhase(state)).toBe(phase);
  });
});

describe('planReadiness', () => {
  it.each([
    ['pending: requeue', { state: 'Pending' }, { kind: 'waiting', on: 'endpoint', why: 'endpoint vpce-1 is Pending' }],
    ['failed with AWS’s message', { state: 'Failed', lastError: 'quota exceeded' }, { kind: 'failed', why: 'endpoint vpce-1 is Failed (quota exceeded)' }],
    ['gone', {}, { kind: 'failed', why: 'endpoint vpce-1 is gone' }],
    ['available: the association must be read', { state: 'Available' }, { kind: 'read-association' }],
    ['association inaccessible: requeue with its reason', { state: 'Available', association: { accessibility: 'Inaccessible', failureReason: 'not shared', dnsNames: [] } },
      { kind: 'waiting', on: 'association', why: 'endpoint vpce-1 association is Inaccessible: not shared' }],
    ['no association yet', { state: 'Available', association: { dnsNames: [] } }, { kind: 'waiting', on: 'association', why: 'endpoint vpce-1 association is missing' }],
    ['accessible: the DNS name is the proxy host', { state: 'Available', association: accessible, ips: ['10.0.1.5'] },
      { kind: 'ready', proxyHost: 'vpce-1-x.rcfg-1.vpc-lattice-rsc.us-east-1.on.aws' }],
    ['no DNS name: the lowest interface address', { state: 'Available', association: { accessibility: 'Accessible', dnsNames: [] }, ips: ['10.0.2.9', '10.0.1.5'] },
      { kind: 'ready', proxyHost: '10.0.1.5' }],
    ['no DNS name, no address yet', { state: 'Available', association: { accessibility: 'Accessible', dnsNames: [] }, ips: [] },
      { kind: 'waiting', on: 'address', why: 'endpoint vpce-1 has no DNS name or address yet' }],
    ['no DNS name, addresses not read (the sweep)', { state: 'Available', association: { accessibility: 'Accessible', dnsNames: [] } }, { kind: 'ready' }],
  ])('%s', (_name, facts, readiness) => {
    expect(planReadiness({ endpointId: 'vpce-1', ...facts })).toEqual(readiness);
  });
});
