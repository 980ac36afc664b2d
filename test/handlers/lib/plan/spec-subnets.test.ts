import { chooseSubnets } from '../../../../handlers/lib/plan/subnets';

const subnets = [
  { id: 'subnet-a2', azId: 'use1-az1' }, { id: 'subnet-a1', azId: 'use1-az1', mapPublicIpOnLaunch: true },
  { id: 'subnet-b1', azId: 'use1-az2' }, { id: 'subnet-z1', azId: 'use1-az9' }, { id: 'subnet-y1', azId: 'use1-az6' },
];
const served = ['use1-az1', 'use1-az2', 'use1-az4'];

describe('chooseSubnets without egress:subnets', () => {
  it('picks one private-looking subnet per served AZ ID and drops subnets in unserved AZ IDs', () => {
    expect(chooseSubnets(subnets, served)).toEqual({ ok: true, subnetIds: ['subnet-a2', 'subnet-b1'] });
  });
  it('a public subnet is taken when it is the only one in its AZ ID', () => {
    expect(chooseSubnets([{ id: 'subnet-p', azId: 'use1-az4', mapPublicIpOnLaunch: true }], served)).toEqual({ ok: true, subnetIds: ['subnet-p'] });
  });
  it.each([
    ['only unserved AZ IDs', [{ id: 'subnet-z1', azId: 'use1-az9' }, { id: 'subnet-y1', azId: 'use1-az6' }], /AZ IDs use1-az6, use1-az9 and the resource gateway serves AZ IDs use1-az1, use1-az2, use1-az4/],
    ['no subnet at all', [], /subnets are in AZ IDs none and the resource gateway serves AZ IDs use1-az1/],
  ])('refuses %s, naming the AZ IDs on both sides', (_name, vpcSubnets, problem) => {
    const choice = chooseSubnets(vpcSubnets, served);
    expect(choice.ok).toBe(false);
    if (!choice.ok) expect(choice.problem).toMatch(problem);
  });
});

describe('chooseSubnets with egress:subnets', () => {
  it.each([
    ['a subnet of another VPC', ['subnet-q', 'subnet-b1'], /egress:subnets names subnet-q, not subnets of this VPC \(it has subnet-a1, subnet-a2, subnet-b1/],
    ['two subnets in one AZ ID', ['subnet-a1', 'subnet-a2'], /more than one subnet in AZ ID use1-az1 \(subnet-a1, subnet-a2\)/],
    ['only unserved AZ IDs', ['subnet-z1'], /names subnet-z1 \(use1-az9\) in AZ IDs the gateway does not serve; the resource gateway serves AZ IDs use1-az1, use1-az2, use1-az4/],
    ['one served, one unserved', ['subnet-z1', 'subnet-b1'], /names subnet-z1 \(use1-az9\) in AZ IDs the gateway does not serve/],
  ])('refuses %s', (_name, requested, problem) => {
    const choice = chooseSubnets(subnets, served, requested);
    expect(choice.ok).toBe(false);
    if (!choice.ok) expect(choice.problem).toMatch(problem);
  });
  it('takes requested subnets in served AZ IDs as they are, sorted', () => {
    expect(chooseSubnets(subnets, served, ['subnet-b1', 'subnet-a1'])).toEqual({ ok: true, subnetIds: ['subnet-a1', 'subnet-b1'] });
  });
});
