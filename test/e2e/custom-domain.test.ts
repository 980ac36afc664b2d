/** A hub resource configuration with a custom domain name: one proxy hostname for every VPC. */
import { CreateVpcCommand, CreateSubnetCommand, ModifyVpcAttributeCommand } from '@aws-sdk/client-ec2';
import type { LocalCloud } from '../../local/cloud';
import { startE2eCloud } from '../helpers/e2e-cloud';
import { ec2, ownedEndpoints, ownedGroups, settledEndpoints, settledTags, subnetsOf, tagVpc } from '../helpers/local-cloud';

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startE2eCloud({ endpointPendingMs: 100, endpointDeletingMs: 50, timeScale: 0.01, seedProjects: 2, customDomainName: 'proxy.egress.example.internal' });
});
afterAll(async () => { await cloud?.stop(); });

/** Private DNS needs both DNS attributes; a new VPC has enableDnsHostnames off (https://docs.aws.amazon.com/vpc/latest/userguide/AmazonDNS-concepts.html#vpc-dns-support). */
const enableDnsHostnames = (vpc: string) => ec2().send(new ModifyVpcAttributeCommand({ VpcId: vpc, EnableDnsHostnames: { Value: true } }));

it('every VPC gets the same proxy URL, through the endpoint’s private DNS, and keeps it when the endpoint is replaced', async () => {
  for (const vpc of cloud.projectVpcIds) await enableDnsHostnames(vpc);
  for (const vpc of cloud.projectVpcIds) await tagVpc(vpc, { egress: 'proxy' });
  await cloud.awaitIdle();
  const url = `http://proxy.egress.example.internal:${cloud.proxy.port}`;
  for (const vpc of cloud.projectVpcIds) {
    await settledTags(vpc, (t) => expect(t['egress-proxy']).toBe(url));
    await settledEndpoints(vpc, (e) => expect(e[0]?.PrivateDnsEnabled).toBe(true));
  }
  const [first] = cloud.projectVpcIds;
  await tagVpc(first, { 'egress:subnets': subnetsOf(cloud, first).b });
  await cloud.awaitIdle();
  // Settled once the replacement is the endpoint it names (the VPC was already Ready before).
  const replacement = (await settledEndpoints(first, (e) => expect(e.filter((x) => x.State !== 'Deleting').map((x) => x.SubnetIds)).toEqual([[subnetsOf(cloud, first).b]])))
    .find((x) => x.State !== 'Deleting')!;
  const tags = await settledTags(first, (t) => expect(t['egress-proxy:endpoint']).toBe(replacement.VpcEndpointId));
  expect(tags['egress-proxy:state']).toBe('Ready');
  expect(tags['egress-proxy']).toBe(url);
});

it('a VPC with enableDnsHostnames off: Error VpcDnsDisabled with the command that fixes it, nothing created; then Ready once fixed', async () => {
  const vpc = (await ec2().send(new CreateVpcCommand({ CidrBlock: '10.2.0.0/16' }))).Vpc!.VpcId!;
  await ec2().send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.2.1.0/24', AvailabilityZone: 'us-east-1a' }));
  await tagVpc(vpc, { egress: 'proxy' });
  await cloud.awaitIdle();
  const tags = await settledTags(vpc, (t) => expect(t['egress-proxy:state']).toBe('Error'));
  expect(tags['egress-proxy:reason']).toMatch(new RegExp(`^VpcDnsDisabled: enableDnsHostnames is off on ${vpc}, .*modify-vpc-attribute --vpc-id ${vpc} --enable-dns-hostnames`));
  expect((await ownedGroups(vpc)).length + (await ownedEndpoints(vpc)).length).toBe(0);

  await enableDnsHostnames(vpc);
  await tagVpc(vpc, { 'egress:deletion-policy': 'delete' }); // any owner change starts a run
  await cloud.awaitIdle();
  await settledTags(vpc, (t) => expect(t['egress-proxy:state']).toBe('Ready'));
});
