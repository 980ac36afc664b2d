import type { CountTuning } from './overlap-counts';
import type { VpcCidrs } from './fleet';

/**
 * A tiny fleet that makes an object of every engine class on its way through each counting path
 * (kept-shapes.ts says why): VPCs over several shared blocks and components, a class of two blocks
 * in one component, nested and repeated blocks, an IPv6 /56, a VPC listed twice, blocks outside
 * 10/8. (256 more VPCs at the CIDR quota, to give V8 feedback for every branch a large count takes,
 * made a cold `egress overlaps` no faster, measured, and doubled the warm-up's cost.)
 */
export const WARM_UP_FLEET: readonly VpcCidrs[] = [
  { vpcId: 'vpc-a', cidrs: ['10.0.0.0/16', '10.1.0.0/16', '10.2.0.0/24'] },
  { vpcId: 'vpc-b', cidrs: ['10.0.1.0/24', '10.1.2.0/24', '10.2.0.0/25'] },
  { vpcId: 'vpc-c', cidrs: ['10.0.2.0/24', '10.0.3.0/24', '10.1.0.0/20', '10.2.0.128/25'] },
  { vpcId: 'vpc-d', cidrs: ['10.0.0.0/16', '10.1.3.0/24', '2600:1f18:0:100::/56'] },
  { vpcId: 'vpc-e', cidrs: ['10.0.1.0/24', '10.1.2.0/24', '2600:1f18:0:100::/56'] },
  { vpcId: 'vpc-f', cidrs: ['10.0.2.0/24', '10.2.0.0/24'] },
  { vpcId: 'vpc-g', cidrs: ['192.168.0.0/24'] },
  { vpcId: 'vpc-a', cidrs: ['172.31.0.0/16'] },
];

/** The default path, and the paths with classes of their own: component pairs, pair queries. */
export const WARM_UP_TUNINGS: readonly CountTuning[] = [{}, { method: 'components' }, { method: 'inclusion', pairQueryMinRows: 1 }];
