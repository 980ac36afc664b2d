/** Every step validates its whole input, not only the VPC ID, and says which field is wrong. */
import { step } from '../../../handlers/lib/step';

const run = step('Probe', async ({ state }) => ({ vpc: state.vpcId, port: state.observed?.hub?.proxyPort }));
const VPC = 'vpc-0123456789abcdef0';
const observed = {
  vpcId: VPC, exists: true, desired: 'present', spec: { optedIn: true, deletionPolicy: 'delete' }, generation: '1dc9f495af',
  cidrs: ['10.0.0.0/16'], statusTags: {}, listOwned: true,
  hub: { resourceConfigurationArn: 'arn:x', proxyHost: '10.0.1.10', proxyPort: 3128, gatewayAzIds: ['use1-az1'] },
};

it('a well-formed input reaches the step, with what later steps added passed through', async () => {
  await expect(run({ execution: 'e', state: { vpcId: VPC, observed, retired: { retired: [] } } })).resolves.toEqual({ vpc: VPC, port: 3128 });
});

it.each([
  ['no execution', { state: { vpcId: VPC } }, /^malformed task input: execution: /],
  ['not a VPC ID', { execution: 'e', state: { vpcId: 'vpc-nope' } }, /^malformed task input: state\.vpcId: is not a VPC ID/],
  ['a port that is text', { execution: 'e', state: { vpcId: VPC, observed: { ...observed, hub: { ...observed.hub, proxyPort: '3128' } } } }, /^malformed task input: state\.observed\.hub\.proxyPort: /],
  ['an unknown deletion policy', { execution: 'e', state: { vpcId: VPC, observed: { ...observed, spec: { optedIn: true, deletionPolicy: 'sometimes' } } } }, /^malformed task input: state\.observed\.spec\.deletionPolicy: /],
  ['an error without its name', { execution: 'e', state: { vpcId: VPC, error: { Cause: 'x' } } }, /^malformed task input: state\.error\.Error: /],
])('%s → InvalidSpec naming the field', async (_name, input, message) => {
  await expect(run(input)).rejects.toMatchObject({ name: 'InvalidSpec', message: expect.stringMatching(message) });
});
