/**
 * A member account's side, read through AWS as the member role (thin adapters; member-checks.ts and
 * vpc-checks.ts decide). Writes are made with DryRun only: they change nothing.
 */
import {
  CreateSecurityGroupCommand, CreateTagsCommand, CreateVpcEndpointCommand, DeleteSecurityGroupCommand, DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand, DescribeVpcAttributeCommand, DescribeVpcsCommand, type Filter,
} from '@aws-sdk/client-ec2';
import { GetResourceShareInvitationsCommand } from '@aws-sdk/client-ram';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { isOptedIn, ownedFilters, ownershipTags, OWNER_KEYS, STATUS_KEYS, toAwsTags, toTagMap } from '../../../handlers/lib/tags';
import type { AwsProblem, Observed } from './check';
import { observe, type DoctorClients, type SessionCredentials } from './clients';
import type { Invitation } from './member-checks';
import type { DnsAttributes, SubnetView } from './vpc-checks';

export function assumeRole(c: DoctorClients, roleArn: string, externalId?: string): Promise<Observed<SessionCredentials>> {
  return observe(async () => {
    const out = await c.sts().send(new AssumeRoleCommand({
      RoleArn: roleArn, RoleSessionName: 'egress-doctor', DurationSeconds: 900, ...(externalId ? { ExternalId: externalId } : {}),
    }));
    const k = out.Credentials!;
    return { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey!, sessionToken: k.SessionToken, expiration: k.Expiration };
  });
}

/** Opted-in VPCs of the account (`egress=proxy`, any case), or exactly `only` when given. */
export function observeVpcs(c: DoctorClients, only?: string[]): Promise<Observed<string[]>> {
  return observe(async () => {
    const filters: Filter[] = only ? [{ Name: 'vpc-id', Values: only }] : [{ Name: 'tag-key', Values: [OWNER_KEYS.optIn] }];
    const ids: string[] = [];
    let token: string | undefined;
    do {
      const page = await c.ec2().send(new DescribeVpcsCommand({ Filters: filters, NextToken: token }));
      for (const v of page.Vpcs ?? []) if (only || isOptedIn(toTagMap(v.Tags))) ids.push(v.VpcId!);
      token = page.NextToken;
    } while (token);
    return ids.sort();
  });
}

/** Any VPC of the account (for the DryRun checks when none is opted in yet). */
export function observeAnyVpc(c: DoctorClients): Promise<Observed<string | undefined>> {
  return observe(async () => (await c.ec2().send(new DescribeVpcsCommand({ MaxResults: 5 }))).Vpcs?.[0]?.VpcId);
}

/** Subnets with their AZ IDs: of one VPC, or of the whole account. */
export function observeSubnets(c: DoctorClients, vpcId?: string): Promise<Observed<Array<SubnetView & { vpcId: string }>>> {
  return observe(async () => {
    const out: Array<SubnetView & { vpcId: string }> = [];
    let token: string | undefined;
    do {
      const page = await c.ec2().send(new DescribeSubnetsCommand({ ...(vpcId ? { Filters: [{ Name: 'vpc-id', Values: [vpcId] }] } : {}), NextToken: token }));
      for (const s of page.Subnets ?? []) out.push({ subnetId: s.SubnetId!, azId: s.AvailabilityZoneId!, vpcId: s.VpcId! });
      token = page.NextToken;
    } while (token);
    return out;
  });
}

export function observeDns(c: DoctorClients, vpcId: string): Promise<Observed<DnsAttributes>> {
  return observe(async () => {
    const attr = (Attribute: 'enableDnsSupport' | 'enableDnsHostnames') => c.ec2().send(new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute }));
    const [support, hostnames] = [await attr('enableDnsSupport'), await attr('enableDnsHostnames')];
    return { enableDnsSupport: support.EnableDnsSupport?.Value === true, enableDnsHostnames: hostnames.EnableDnsHostnames?.Value === true };
  });
}

export function observeInvitations(c: DoctorClients, shareArns: string[]): Promise<Observed<Invitation[]>> {
  return observe(async () => {
    if (!shareArns.length) return [];
    const out: Invitation[] = [];
    let token: string | undefined;
    do {
      const page = await c.ram().send(new GetResourceShareInvitationsCommand({ resourceShareArns: shareArns, nextToken: token }));
      for (const i of page.resourceShareInvitations ?? []) {
        out.push({ arn: i.resourceShareInvitationArn!, shareArn: i.resourceShareArn!, status: String(i.status), sender: i.senderAccountId ?? '' });
      }
      token = page.nextToken;
    } while (token);
    return out;
  });
}

export interface DryRunAnswers {
  vpcId: string;
  createSecurityGroup: AwsProblem | undefined;
  /** undefined: not tried (the VPC has no subnet). */
  createVpcEndpoint?: AwsProblem | undefined;
  createTags: AwsProblem | undefined;
  /** The VPC's default security group, which the operator does not own; undefined: none found. */
  unownedGroup?: string;
  deleteUnowned?: AwsProblem | undefined;
}

/** The answer a DryRun call gave (it always answers with an error: DryRunOperation when allowed). */
async function answer(call: () => Promise<unknown>): Promise<AwsProblem | undefined> {
  return (await observe(call)).error;
}

/**
 * The operator's writes, each with DryRun and the tags the operator sends (the member policy's
 * conditions look at them, infra/iam/ec2-permissions.ts): create its security group, its endpoint on
 * the resource configuration, tag the VPC's status; and delete a security group it does not own.
 */
export async function dryRuns(c: DoctorClients, vpcId: string, subnets: SubnetView[], servedAzIds: string[], resourceConfigurationArn: string): Promise<DryRunAnswers> {
  const ec2 = c.ec2();
  const tags = toAwsTags(ownershipTags(vpcId));
  const groups = async (Filters: Filter[]) => (await ec2.send(new DescribeSecurityGroupsCommand({ Filters }))).SecurityGroups ?? [];
  const owned = (await groups([...ownedFilters(vpcId), { Name: 'vpc-id', Values: [vpcId] }]))[0]?.GroupId;
  const unowned = (await groups([{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'group-name', Values: ['default'] }]))[0]?.GroupId;
  // One subnet per AZ ID, served ones first: the request the operator would send.
  const byAz = new Map<string, string>();
  for (const s of [...subnets].sort((a, b) => Number(servedAzIds.includes(b.azId)) - Number(servedAzIds.includes(a.azId)))) if (!byAz.has(s.azId)) byAz.set(s.azId, s.subnetId);
  const served = [...byAz].filter(([az]) => servedAzIds.includes(az)).map(([, id]) => id);
  const subnetIds = served.length ? served : [...byAz.values()].slice(0, 1);
  return {
    vpcId,
    createSecurityGroup: await answer(() => ec2.send(new CreateSecurityGroupCommand({
      DryRun: true, VpcId: vpcId, GroupName: `egress-proxy-${vpcId}`, Description: 'egress doctor DryRun',
      TagSpecifications: [{ ResourceType: 'security-group', Tags: tags }],
    }))),
    ...(subnetIds.length ? {
      createVpcEndpoint: await answer(() => ec2.send(new CreateVpcEndpointCommand({
        DryRun: true, VpcEndpointType: 'Resource', VpcId: vpcId, SubnetIds: subnetIds, ResourceConfigurationArn: resourceConfigurationArn,
        ...(owned ? { SecurityGroupIds: [owned] } : {}), TagSpecifications: [{ ResourceType: 'vpc-endpoint', Tags: tags }],
      }))),
    } : {}),
    createTags: await answer(() => ec2.send(new CreateTagsCommand({ DryRun: true, Resources: [vpcId], Tags: [{ Key: STATUS_KEYS.state, Value: 'Progressing' }] }))),
    ...(unowned ? { unownedGroup: unowned, deleteUnowned: await answer(() => ec2.send(new DeleteSecurityGroupCommand({ DryRun: true, GroupId: unowned }))) } : {}),
  };
}
