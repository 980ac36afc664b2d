/**
 * RAM and resource endpoints across accounts, through the real SDK, with the hub's share sent as
 * invitations (organization sharing off): a member account can use the hub's resource configuration
 * only once it accepts (https://docs.aws.amazon.com/vpc/latest/privatelink/use-resource-endpoint.html),
 * and an endpoint gets network interfaces only in subnets whose AZ ID the resource gateway serves.
 */
import {
  CreateSubnetCommand, CreateVpcCommand, CreateVpcEndpointCommand, DescribeAvailabilityZonesCommand, DescribeNetworkInterfacesCommand,
} from '@aws-sdk/client-ec2';
import {
  AcceptResourceShareInvitationCommand, GetResourceShareAssociationsCommand, GetResourceShareInvitationsCommand, GetResourceSharesCommand,
} from '@aws-sdk/client-ram';
import { startLocalCloud, type LocalCloud } from '../../../local/cloud';
import { RamStore } from '../../../local/ram/store';
import { localOrganization } from '../../../local/seed-accounts';
import { errorOf } from '../helpers/ec2-only-cloud';
import { clientsFor } from './helpers';

let cloud: LocalCloud;
let member1: string;
let member2: string;
beforeAll(async () => {
  cloud = await startLocalCloud({ proxy: 'stand-in', endpointPendingMs: 0, hubShare: 'invitations' });
  [member1, member2] = cloud.memberAccountIds;
});
afterAll(async () => { await cloud?.stop(); });

const servedAzIds = () => cloud.latticeState.resourceConfigurationView(cloud.resourceConfigurationArn)!.gatewayAzIds;

async function endpointIn(accountId: string, subnetIds: string[], vpcId: string) {
  return clientsFor(cloud, accountId).ec2.send(new CreateVpcEndpointCommand({
    VpcEndpointType: 'Resource', VpcId: vpcId, SubnetIds: subnetIds, ResourceConfigurationArn: cloud.resourceConfigurationArn,
  }));
}

const memberSubnets = (accountId: string, vpcId: string) => [...cloud.ec2StoreFor(accountId).subnets.values()].filter((s) => s.vpcId === vpcId);

describe('a share sent as invitations', () => {
  it('the owner sees its share of the resource configuration with both member accounts ASSOCIATING', async () => {
    const { ram } = clientsFor(cloud, cloud.accountId);
    const { resourceShares } = await ram.send(new GetResourceSharesCommand({ resourceOwner: 'SELF' }));
    expect(resourceShares).toHaveLength(1);
    expect(resourceShares![0]).toMatchObject({ name: 'egress-operator-squid', owningAccountId: cloud.accountId, allowExternalPrincipals: true, status: 'ACTIVE' });
    const principals = await ram.send(new GetResourceShareAssociationsCommand({ associationType: 'PRINCIPAL' }));
    expect(principals.resourceShareAssociations!.map((a) => [a.associatedEntity, a.status]).sort()).toEqual([[member1, 'ASSOCIATING'], [member2, 'ASSOCIATING']].sort());
    const resources = await ram.send(new GetResourceShareAssociationsCommand({ associationType: 'RESOURCE' }));
    expect(resources.resourceShareAssociations!.map((a) => a.associatedEntity)).toEqual([cloud.resourceConfigurationArn]);
  });

  it('a member account has a PENDING invitation and no share yet; its Resource endpoint is refused', async () => {
    const { ram } = clientsFor(cloud, member1);
    const { resourceShareInvitations } = await ram.send(new GetResourceShareInvitationsCommand({}));
    expect(resourceShareInvitations).toHaveLength(1);
    expect(resourceShareInvitations![0]).toMatchObject({ status: 'PENDING', senderAccountId: cloud.accountId, receiverAccountId: member1 });
    expect((await ram.send(new GetResourceSharesCommand({ resourceOwner: 'OTHER-ACCOUNTS' }))).resourceShares).toEqual([]);
    const vpc = cloud.memberProjectVpcIds[member1][0];
    const err = await errorOf(endpointIn(member1, memberSubnets(member1, vpc).map((s) => s.id), vpc));
    expect(err.name).toBe('InvalidParameter');
    expect(err.message).toContain('is not shared with this account');
  });

  it('after AcceptResourceShareInvitation the endpoint gets interfaces only in subnets whose AZ ID the gateway serves', async () => {
    const { ram, ec2 } = clientsFor(cloud, member1);
    const [invitation] = (await ram.send(new GetResourceShareInvitationsCommand({}))).resourceShareInvitations!;
    const accepted = await ram.send(new AcceptResourceShareInvitationCommand({ resourceShareInvitationArn: invitation.resourceShareInvitationArn }));
    expect(accepted.resourceShareInvitation!.status).toBe('ACCEPTED');
    expect((await ram.send(new GetResourceSharesCommand({ resourceOwner: 'OTHER-ACCOUNTS' }))).resourceShares!.map((s) => s.owningAccountId)).toEqual([cloud.accountId]);
    const again = await errorOf(ram.send(new AcceptResourceShareInvitationCommand({ resourceShareInvitationArn: invitation.resourceShareInvitationArn })));
    expect(again.name).toBe('ResourceShareInvitationAlreadyAcceptedException');

    const vpc = cloud.memberProjectVpcIds[member1][0];
    const all = memberSubnets(member1, vpc);
    expect(all).toHaveLength(6);
    const { VpcEndpoint } = await endpointIn(member1, all.map((s) => s.id), vpc);
    const served = all.filter((s) => servedAzIds().includes(s.availabilityZoneId));
    expect(served).toHaveLength(3);
    expect([...VpcEndpoint!.SubnetIds!].sort()).toEqual(served.map((s) => s.id).sort());
    const enis = await ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: VpcEndpoint!.NetworkInterfaceIds }));
    expect(enis.NetworkInterfaces!.map((n) => n.AvailabilityZoneId).sort()).toEqual([...servedAzIds()].sort());
    expect(enis.NetworkInterfaces!.every((n) => n.OwnerId === member1)).toBe(true);
  });

  it('a VPC whose subnets are all in AZ IDs the gateway does not serve is refused with InvalidParameter naming the AZ IDs', async () => {
    const { ec2 } = clientsFor(cloud, member1);
    const zones = (await ec2.send(new DescribeAvailabilityZonesCommand({}))).AvailabilityZones!;
    const unserved = zones.filter((z) => !servedAzIds().includes(z.ZoneId!));
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
    const subnets = await Promise.all(unserved.map((z, i) => ec2.send(new CreateSubnetCommand({ VpcId: Vpc!.VpcId, CidrBlock: `10.0.${i + 1}.0/24`, AvailabilityZone: z.ZoneName }))));
    const err = await errorOf(endpointIn(member1, subnets.map((s) => s.Subnet!.SubnetId!), Vpc!.VpcId!));
    expect(err.name).toBe('InvalidParameter');
    expect(err.message).toContain('does not support the availability zone of the subnet');
    for (const z of unserved) expect(err.message).toContain(z.ZoneId!);
    for (const id of servedAzIds()) expect(err.message).toContain(id);
  });

  it('the other member account still cannot use it; an unknown invitation is ResourceShareInvitationArnNotFoundException', async () => {
    const vpc = cloud.memberProjectVpcIds[member2][0];
    expect((await errorOf(endpointIn(member2, memberSubnets(member2, vpc).map((s) => s.id), vpc))).name).toBe('InvalidParameter');
    const { ram } = clientsFor(cloud, member2);
    const err = await errorOf(ram.send(new AcceptResourceShareInvitationCommand({
      resourceShareInvitationArn: `arn:aws:ram:us-east-1:${cloud.accountId}:resource-share-invitation/00000000-0000-0000-0000-000000000000`,
    })));
    expect(err.name).toBe('ResourceShareInvitationArnNotFoundException');
  });
});

// https://docs.aws.amazon.com/ram/latest/userguide/getting-started-sharing.html#getting-started-sharing-orgs
describe('sharing inside an organization', () => {
  const org = localOrganization('111111111111', ['222222222222'], true);

  it('with sharing enabled, the organization and its accounts get the share at once, without invitations', () => {
    const ram = new RamStore(org);
    ram.createResourceShare({ owningAccountId: '111111111111', region: 'us-east-1', name: 's', resourceArns: ['arn:r'], principals: [org.arn], allowExternalPrincipals: false });
    expect(ram.invitations.size).toBe(0);
    expect(ram.canUse('222222222222', 'us-east-1', 'arn:r', '111111111111')).toBe(true);
    expect(ram.canUse('222222222222', 'eu-west-1', 'arn:r', '111111111111')).toBe(false);
    expect(ram.canUse('333333333333', 'us-east-1', 'arn:r', '111111111111')).toBe(false);
  });

  it('an account outside the organization is refused unless the share allows external principals', () => {
    const ram = new RamStore(org);
    expect(() => ram.createResourceShare({ owningAccountId: '111111111111', region: 'us-east-1', name: 's', resourceArns: ['arn:r'], principals: ['333333333333'], allowExternalPrincipals: false }))
      .toThrow(/does not allow external principals/);
    ram.createResourceShare({ owningAccountId: '111111111111', region: 'us-east-1', name: 's', resourceArns: ['arn:r'], principals: ['333333333333'], allowExternalPrincipals: true });
    expect([...ram.invitations.values()].map((i) => i.status)).toEqual(['PENDING']);
  });
});
