/** A hub resource configuration with a custom domain name: one proxy hostname for every VPC. */
import { startLocalCloud, type LocalCloud } from '../../local/cloud';
import { ownedEndpoints, subnetsOf, tagsOf, tagVpc } from '../helpers/local-cloud';

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud({ endpointPendingMs: 100, endpointDeletingMs: 50, timeScale: 0.01, seedProjects: 2, customDomainName: 'proxy.egress.example.internal' });
});
afterAll(async () => { await cloud?.stop(); });

it('every VPC gets the same proxy URL, through the endpoint’s private DNS, and keeps it when the endpoint is replaced', async () => {
  for (const vpc of cloud.projectVpcIds) await tagVpc(vpc, { egress: 'proxy' });
  await cloud.awaitIdle();
  const url = `http://proxy.egress.example.internal:${cloud.proxy.port}`;
  for (const vpc of cloud.projectVpcIds) {
    expect((await tagsOf(vpc))['egress-proxy']).toBe(url);
    expect((await ownedEndpoints(vpc))[0].PrivateDnsEnabled).toBe(true);
  }
  const [first] = cloud.projectVpcIds;
  await tagVpc(first, { 'egress:subnets': subnetsOf(cloud, first).b });
  await cloud.awaitIdle();
  const tags = await tagsOf(first);
  expect(tags['egress-proxy:state']).toBe('Ready');
  expect(tags['egress-proxy']).toBe(url);
});
