/**
 * What Ready means (docs/design.md#workflows), through the real SDK against the local cloud: each
 * project-side thing that breaks egress is read, named in `egress-proxy:reason` with the resource and
 * the fix, and the VPC comes back to Ready once it is fixed. Network ACLs are stateless, so both the
 * proxy port in and the ephemeral ports back out are checked
 * (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html).
 */
import {
  AuthorizeSecurityGroupIngressCommand, RevokeSecurityGroupIngressCommand, CreateNetworkAclEntryCommand, CreateVpcEndpointCommand, DeleteNetworkAclEntryCommand, DeleteVpcEndpointsCommand,
  DescribeNetworkAclsCommand, DescribeVpcsCommand, ModifyVpcAttributeCommand,
} from '@aws-sdk/client-ec2';
import { handler as verifyProxy } from '../../handlers/verify-proxy';
import type { LocalCloud } from '../../local/cloud';
import { startE2eCloud } from '../helpers/e2e-cloud';
import { eventually } from '../helpers/eventually';
import { ec2, executionsOf, settledEndpoints, settledGroups, settledTags, tagVpc, untagVpc } from '../helpers/local-cloud';

jest.setTimeout(90_000);

const DOMAIN = 'proxy.ready.example.internal';
let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startE2eCloud({ endpointPendingMs: 2000, endpointDeletingMs: 50, timeScale: 0.01, seedProjects: 5, customDomainName: DOMAIN });
  // Private DNS (the custom domain) needs both DNS attributes; a new VPC has enableDnsHostnames off.
  for (const vpc of cloud.projectVpcIds) await ec2().send(new ModifyVpcAttributeCommand({ VpcId: vpc, EnableDnsHostnames: { Value: true } }));
});
afterAll(async () => { await cloud?.stop(); });

/**
 * A tag change starts a run (a new generation): how an owner asks for a re-check at once. Returns the
 * tags once they show `state` (reads lag writes in the e2e cloud: test/helpers/eventually.ts).
 */
async function reconcile(vpc: string, change: 'set' | 'unset', state: 'Error' | 'Ready'): Promise<Record<string, string>> {
  if (change === 'set') await tagVpc(vpc, { 'egress:deletion-policy': 'delete' });
  else await untagVpc(vpc, ['egress:deletion-policy']);
  await cloud.awaitIdle();
  return settledTags(vpc, (t) => t['egress-proxy:state'] === state);
}

async function optIn(vpc: string): Promise<Record<string, string>> {
  await tagVpc(vpc, { egress: 'proxy' });
  await cloud.awaitIdle();
  return settledTags(vpc, (t) => t['egress-proxy:state'] === 'Ready' && t['egress-proxy']);
}

async function readyVpc(index: number): Promise<{ vpc: string; cidr: string; aclId: string; subnetId: string }> {
  const vpc = cloud.projectVpcIds[index];
  await optIn(vpc);
  const cidr = (await ec2().send(new DescribeVpcsCommand({ VpcIds: [vpc] }))).Vpcs![0].CidrBlock!;
  const [endpoint] = await settledEndpoints(vpc, (e) => e.length === 1 && e[0].SubnetIds?.length);
  const subnetId = endpoint.SubnetIds![0];
  const { NetworkAcls } = await ec2().send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'association.subnet-id', Values: [subnetId] }] }));
  return { vpc, cidr, subnetId, aclId: NetworkAcls![0].NetworkAclId! };
}

const port = () => cloud.proxy.port;

it('a network ACL denying the proxy port in → Error NetworkAclBlocksProxyPort naming ACL, subnet, rule and fix; terminal (no retry tag); Ready once the entry is gone', async () => {
  const { vpc, cidr, aclId, subnetId } = await readyVpc(0);
  await ec2().send(new CreateNetworkAclEntryCommand({
    NetworkAclId: aclId, RuleNumber: 90, Protocol: '6', RuleAction: 'deny', Egress: false, CidrBlock: cidr, PortRange: { From: port(), To: port() },
  }));
  const tags = await reconcile(vpc, 'set', 'Error');
  expect(tags['egress-proxy:state']).toBe('Error');
  expect(tags['egress-proxy:reason']).toBe(
    `NetworkAclBlocksProxyPort: ${aclId} on ${subnetId}: rule 90 denies TCP ${port()} in from ${cidr}; allow it below rule 90 (create-network-acl-entry --ingress --rule-number 89)`,
  );
  expect(tags['egress-proxy:retry']).toBeUndefined(); // the owner's ACL: re-checked hourly and on a spec change, not retried with backoff
  expect(executionsOf(cloud, vpc)[0].error).toBe('ReconcileFailed');

  await ec2().send(new DeleteNetworkAclEntryCommand({ NetworkAclId: aclId, RuleNumber: 90, Egress: false }));
  expect((await reconcile(vpc, 'unset', 'Ready'))['egress-proxy:reason']).toMatch(/^ProxyReachable: /);
});

it('a network ACL denying the ephemeral ports out (the answers) → Error NetworkAclBlocksReturnTraffic; Ready once allowed before the deny', async () => {
  const { vpc, cidr, aclId, subnetId } = await readyVpc(1);
  await ec2().send(new CreateNetworkAclEntryCommand({
    NetworkAclId: aclId, RuleNumber: 50, Protocol: '6', RuleAction: 'deny', Egress: true, CidrBlock: '0.0.0.0/0', PortRange: { From: 1024, To: 65535 },
  }));
  const tags = await reconcile(vpc, 'set', 'Error');
  expect(tags['egress-proxy:state']).toBe('Error');
  expect(tags['egress-proxy:reason']).toBe(
    `NetworkAclBlocksReturnTraffic: ${aclId} on ${subnetId}: rule 50 denies the answers, TCP out to ${cidr} ports 1024-65535 (stateless); allow them below rule 50 (create-network-acl-entry --egress --rule-number 49)`,
  );

  // The fix the reason names: an allow numbered below the deny.
  await ec2().send(new CreateNetworkAclEntryCommand({
    NetworkAclId: aclId, RuleNumber: 49, Protocol: '6', RuleAction: 'allow', Egress: true, CidrBlock: cidr, PortRange: { From: 1024, To: 65535 },
  }));
  expect((await reconcile(vpc, 'unset', 'Ready'))['egress-proxy:reason']).toMatch(/^ProxyReachable: /);
});

it('DNS attributes turned off after Ready (private DNS in use) → Error VpcDnsDisabled with the command; Ready once back on', async () => {
  const vpc = cloud.projectVpcIds[2];
  expect((await optIn(vpc))['egress-proxy']).toBe(`http://${DOMAIN}:${port()}`);
  await ec2().send(new ModifyVpcAttributeCommand({ VpcId: vpc, EnableDnsSupport: { Value: false } }));
  // VerifyProxy itself re-reads the attributes (a change between Observe and the verdict)…
  const state = JSON.parse(executionsOf(cloud, vpc)[0].output!);
  await expect(verifyProxy({ execution: 'ready-test', state: { ...state, verify: undefined, status: undefined } }))
    .rejects.toMatchObject({ name: 'VpcDnsDisabled', message: expect.stringContaining(`--vpc-id ${vpc} --enable-dns-support`) });
  // …and a new run stops in Observe, before anything is changed.
  const tags = await reconcile(vpc, 'set', 'Error');
  expect(tags['egress-proxy:state']).toBe('Error');
  expect(tags['egress-proxy:reason']).toMatch(new RegExp(`^VpcDnsDisabled: enableDnsSupport is off on ${vpc}, .*modify-vpc-attribute --vpc-id ${vpc} --enable-dns-support`));
  expect(tags['egress-proxy:retry']).toBeUndefined();

  await ec2().send(new ModifyVpcAttributeCommand({ VpcId: vpc, EnableDnsSupport: { Value: true } }));
  expect((await reconcile(vpc, 'unset', 'Ready'))['egress-proxy:reason']).toMatch(/^ProxyReachable: /);
});

it('VerifyProxy on an endpoint whose association is not Accessible → EndpointNotAccessible naming it; OK once Accessible', async () => {
  const vpc = cloud.projectVpcIds[3];
  await optIn(vpc);
  const [done] = executionsOf(cloud, vpc);
  const state = JSON.parse(done.output!);
  const [endpoint] = await settledEndpoints(vpc, (e) => e.length === 1);
  // A second endpoint to the same configuration: Pending, so its association is Inaccessible
  // (accessible only while usable: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcEndpointAssociation.html).
  const second = (await ec2().send(new CreateVpcEndpointCommand({
    VpcId: vpc, VpcEndpointType: 'Resource', ResourceConfigurationArn: endpoint.ResourceConfigurationArn,
    SubnetIds: endpoint.SubnetIds, SecurityGroupIds: (await settledGroups(vpc, (g) => g.length === 1)).map((g) => g.GroupId!),
  }))).VpcEndpoint!.VpcEndpointId!;
  try {
    const input = { execution: 'ready-test', state: { ...state, endpoint: { ...state.endpoint, endpointId: second }, verify: undefined, status: undefined } };
    // A just-created endpoint may not be visible yet (AwsTransient, which the state's Retry covers).
    const settled = (r: unknown) => !(r instanceof Error && r.name === 'AwsTransient');
    const first = await eventually(() => verifyProxy(input).catch((e: Error) => e), settled, { timeoutMs: 15_000 });
    expect(first).toMatchObject({
      name: 'EndpointNotAccessible',
      message: expect.stringMatching(new RegExp(`^endpoint ${second} association is Inaccessible: .*AVAILABLE`)),
    });
    const ok = await eventually(() => verifyProxy(input).catch((e: Error) => e), (r) => !(r instanceof Error), { timeoutMs: 15_000 });
    expect(ok).toMatchObject({ outcome: 'Ok' });
  } finally {
    await ec2().send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [second] }));
  }
});

it('the endpoint\'s group not admitting the VPC CIDR → SecurityGroupBlocksProxyPort; a rule this run authorized is read again before it is blamed; the next run restores the rule', async () => {
  const vpc = cloud.projectVpcIds[4];
  await optIn(vpc);
  const state = JSON.parse(executionsOf(cloud, vpc)[0].output!);
  const cidr = (await ec2().send(new DescribeVpcsCommand({ VpcIds: [vpc] }))).Vpcs![0].CidrBlock!;
  const [group] = await settledGroups(vpc, (g) => g.length === 1);
  const rule = { GroupId: group.GroupId!, IpPermissions: [{ IpProtocol: 'tcp', FromPort: port(), ToPort: port(), IpRanges: [{ CidrIp: cidr }] }] };
  await ec2().send(new RevokeSecurityGroupIngressCommand(rule));

  const input = (authorized: number) => ({ execution: 'ready-test', state: { ...state, securityGroup: { ...state.securityGroup, authorized }, verify: undefined, status: undefined } });
  await expect(verifyProxy(input(0))).rejects.toMatchObject({
    name: 'SecurityGroupBlocksProxyPort',
    message: `${state.endpoint.endpointId}: groups ${group.GroupId} admit no TCP ${port()} from ${cidr}; fix: authorize-security-group-ingress --group-id ${group.GroupId} --protocol tcp --port ${port()} --cidr ${cidr}`,
  });
  // As if this run had just authorized it and Describe lagged: the rule shows up while VerifyProxy looks again.
  setTimeout(() => { void ec2().send(new AuthorizeSecurityGroupIngressCommand(rule)); }, 300);
  await expect(verifyProxy(input(1))).resolves.toMatchObject({ outcome: 'Ok' });

  await ec2().send(new RevokeSecurityGroupIngressCommand(rule));
  expect((await reconcile(vpc, 'set', 'Ready'))['egress-proxy:reason']).toMatch(/^ProxyReachable: /);
});
