/**
 * `AssociatedResourceAccessibility` is compared case-insensitively, like endpoint states (whose case
 * differs by endpoint type): `accessible` or `ACCESSIBLE` is usable, `Inaccessible` in any case is not.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcEndpointAssociation.html
 */
import { planReadiness } from '../../../../handlers/lib/plan/readiness';

const dnsName = 'vpce-1-x.rcfg-1.vpc-lattice-rsc.us-east-1.on.aws';

it.each(['Accessible', 'accessible', 'ACCESSIBLE'])('association %s: ready on the association DNS name', (accessibility) => {
  expect(planReadiness({ endpointId: 'vpce-1', state: 'available', association: { accessibility, dnsNames: [dnsName] } }))
    .toEqual({ kind: 'ready', proxyHost: dnsName });
});

it.each(['Inaccessible', 'inaccessible', 'INACCESSIBLE', ''])('association %j: still waiting on the association', (accessibility) => {
  expect(planReadiness({ endpointId: 'vpce-1', state: 'Available', association: { accessibility, dnsNames: [dnsName] } }))
    .toMatchObject({ kind: 'waiting', on: 'association' });
});
