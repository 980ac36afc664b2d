/**
 * `egress doctor` against the local cloud: healthy → every check passes (exit 0); then each failure a
 * platform team meets is staged and doctor must name it with its fix — a disabled rule, a member role
 * that cannot be assumed, DNS hostnames off, subnets in AZ IDs the gateway does not serve, a permission
 * missing from the member role.
 */
import { CreateSubnetCommand, CreateTagsCommand, CreateVpcCommand, DescribeAvailabilityZonesCommand, ModifyVpcAttributeCommand } from '@aws-sdk/client-ec2';
import { DisableRuleCommand, EnableRuleCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { LocalCloud } from '../../../local/cloud';
import { clientsFor as newClientsFor } from '../../local/accounts/helpers';
import { startCloud } from '../helpers/cloud';
import { egress, expectOneLineError } from '../helpers/egress';
import { addDoctorRole, doctorJson, doctorRoleArn, failures, memberProfiles, memberRoleArn } from './helpers';

// Each doctor run spawns the CLI and makes ~80 calls: generous on a loaded machine.
jest.setTimeout(120_000);

let cloud: LocalCloud;
let env: Record<string, string>;
let args: string[];
let member1: string;
let member2: string;
let optedIn: string;
const made = new Map<string, ReturnType<typeof newClientsFor>>();
/** One set of SDK clients per account, closed after the tests. */
const clientsFor = (c: LocalCloud, account: string) => {
  if (!made.has(account)) made.set(account, newClientsFor(c, account));
  return made.get(account)!;
};

beforeAll(async () => {
  cloud = await startCloud({ seedProjects: 1, memberProjects: 1 });
  [member1, member2] = cloud.memberAccountIds;
  addDoctorRole(cloud);
  const profiles = memberProfiles(cloud);
  env = { ...cloud.env, ...profiles.env };
  args = ['--assume-role', doctorRoleArn(cloud), ...profiles.flags];
  optedIn = cloud.memberProjectVpcIds[member1][0];
  // As the runbook says: DNS hostnames on (a new VPC has them off), then opt in.
  await clientsFor(cloud, member1).ec2.send(new ModifyVpcAttributeCommand({ VpcId: optedIn, EnableDnsHostnames: { Value: true } }));
  await clientsFor(cloud, member1).ec2.send(new CreateTagsCommand({ Resources: [optedIn], Tags: [{ Key: 'egress', Value: 'proxy' }] }));
  await cloud.awaitIdle();
});
afterAll(async () => {
  for (const c of made.values()) Object.values(c).forEach((x) => x.destroy());
  await cloud?.stop();
});

/** Run `fn` with an EventBridge client acting as `account`. */
async function withEvents<T>(account: string, fn: (events: EventBridgeClient) => Promise<T>): Promise<T> {
  const events = new EventBridgeClient({ endpoint: cloud.url, region: cloud.region, credentials: { accessKeyId: account, secretAccessKey: 'local' } });
  try { return await fn(events); } finally { events.destroy(); }
}

describe('a healthy local cloud', () => {
  test('--json: every check ok, the only skips are what the local cloud does not have; exit 0', async () => {
    const { code, doc, stderr } = await doctorJson(args, env);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    for (const c of doc.checks) expect(Object.keys(c).sort()).toEqual(['detail', 'fix', 'name', 'status']);
    expect(failures(doc)).toEqual([]);
    expect(doc.checks.filter((c) => c.status === 'skip').map((c) => c.name).sort()).toEqual(['sweep schedule', 'tag rule (member accounts, bus egress-operator)']);
    const names = doc.checks.map((c) => c.name);
    for (const expected of ['credentials and region', 'operator stack EgressOperator', 'hub stack EgressHub', 'state machine reconcile-vpc', 'state machine reconcile-fleet',
      'hub resource configuration', 'resource gateway AZ IDs', `${optedIn} (${member1}): DNS attributes`, `${optedIn} (${member1}): AZ IDs`]) expect(names).toContain(expected);
    for (const m of [member1, member2]) {
      for (const suffix of [`assume ${memberRoleArn(m)}`, 'forwarding rule', 'AZ IDs', 'RAM share', 'DryRun ec2:CreateSecurityGroup', 'DryRun ec2:CreateVpcEndpoint', 'DryRun ec2:CreateTags']) {
        expect(names).toContain(`account ${m}: ${suffix}`);
      }
      expect(names.some((n) => n.startsWith(`account ${m}: least privilege (ec2:DeleteSecurityGroup on sg-`))).toBe(true);
    }
  });

  test('people get one ✓ line per check and a summary', async () => {
    const r = await egress(['doctor', ...args], env);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^✓ credentials and region — account 123456789012 .* region us-east-1$/);
    expect(lines.filter((l) => /^[✓✗–] /.test(l)).length).toBeGreaterThan(25);
    expect(lines.some((l) => l.startsWith('✗'))).toBe(false);
    expect(lines.at(-1)).toMatch(/^\d+ checks: \d+ ok, 0 failed, 2 skipped$/);
  });

  test('--help shows examples; a malformed --account is a usage error', async () => {
    const help = await egress(['doctor', '--help']);
    expect(help.stdout).toContain('Examples:');
    expect(help.stdout).toContain('--assume-role');
    const bad = await egress(['doctor', '--account', '12345'], env);
    expect(bad.code).toBe(2);
    expectOneLineError(bad.stderr, '12-digit');
    const noConfig = await egress(['doctor', '--config', '/nonexistent/egress.config.json'], env);
    expect(noConfig.code).toBe(2);
    expectOneLineError(noConfig.stderr, '--config /nonexistent/egress.config.json: no such file');
  });
});

describe('each staged failure is named with its fix', () => {
  test('as a person, not a role under the operator\'s path: AssumeRole is denied and the fix says --assume-role', async () => {
    const { code, doc, stderr } = await doctorJson([], env);
    expect(code).toBe(1);
    expectOneLineError(stderr, 'checks failed', `account ${member1}: assume`);
    const assume = doc.checks.find((c) => c.name === `account ${member1}: assume ${memberRoleArn(member1)}`)!;
    expect(assume).toMatchObject({ status: 'fail', detail: expect.stringMatching(/^AccessDenied: /) });
    expect(assume.fix).toContain('--assume-role');
    expect(doc.checks.find((c) => c.name === `account ${member1}: other checks`)?.status).toBe('skip');
  });

  test('a wrong ExternalId', async () => {
    const { doc } = await doctorJson([...args, '--external-id', 'not-the-external-id-0000'], env);
    const assume = doc.checks.find((c) => c.name.startsWith(`account ${member2}: assume`))!;
    expect(assume.status).toBe('fail');
    expect(assume.fix).toContain('the ExternalId (from --external-id) must equal the ExternalId parameter of the member stack');
  });

  test('a disabled tag rule (EventBridge DisableRule) in the operator account', async () => {
    await withEvents(cloud.accountId, (e) => e.send(new DisableRuleCommand({ Name: 'egress-operator-tag-change' })));
    try {
      const { code, doc } = await doctorJson(args, env);
      expect(code).toBe(1);
      expect(failures(doc)).toEqual([{
        name: 'tag rule (own account): egress-operator-tag-change', status: 'fail',
        detail: 'DISABLED: VPC tag changes on bus default start no reconcile', fix: 'aws events enable-rule --name egress-operator-tag-change --region us-east-1',
      }]);
    } finally {
      await withEvents(cloud.accountId, (e) => e.send(new EnableRuleCommand({ Name: 'egress-operator-tag-change' })));
    }
  });

  test('a disabled forwarding rule in a member account', async () => {
    await withEvents(member2, (e) => e.send(new DisableRuleCommand({ Name: 'egress-operator-forward-tag-changes' })));
    try {
      const { doc } = await doctorJson(args, env);
      expect(failures(doc)).toEqual([expect.objectContaining({
        name: `account ${member2}: forwarding rule`, detail: expect.stringContaining('DISABLED'),
        fix: `with ${member2}'s credentials: aws events enable-rule --name egress-operator-forward-tag-changes --region us-east-1`,
      })]);
    } finally {
      await withEvents(member2, (e) => e.send(new EnableRuleCommand({ Name: 'egress-operator-forward-tag-changes' })));
    }
  });

  test('an opted-in VPC with DNS hostnames off', async () => {
    const { ec2 } = clientsFor(cloud, member1);
    await ec2.send(new ModifyVpcAttributeCommand({ VpcId: optedIn, EnableDnsHostnames: { Value: false } }));
    try {
      const { doc } = await doctorJson([...args, '--vpc', optedIn], env);
      expect(failures(doc)).toEqual([{
        name: `${optedIn} (${member1}): DNS attributes`, status: 'fail',
        detail: expect.stringMatching(/^VpcDnsDisabled: enableDnsHostnames off/),
        fix: `aws ec2 modify-vpc-attribute --vpc-id ${optedIn} --enable-dns-hostnames --region us-east-1`,
      }]);
    } finally {
      await ec2.send(new ModifyVpcAttributeCommand({ VpcId: optedIn, EnableDnsHostnames: { Value: true } }));
    }
  });

  test('a VPC whose subnets are all in AZ IDs the gateway does not serve', async () => {
    const { ec2 } = clientsFor(cloud, member2);
    const served = cloud.latticeState.resourceConfigurationView(cloud.resourceConfigurationArn)!.gatewayAzIds;
    const unserved = (await ec2.send(new DescribeAvailabilityZonesCommand({}))).AvailabilityZones!.filter((z) => !served.includes(z.ZoneId!));
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16' }));
    for (const [i, z] of unserved.entries()) await ec2.send(new CreateSubnetCommand({ VpcId: Vpc!.VpcId, CidrBlock: `10.9.${i}.0/24`, AvailabilityZone: z.ZoneName }));
    await ec2.send(new ModifyVpcAttributeCommand({ VpcId: Vpc!.VpcId, EnableDnsHostnames: { Value: true } }));
    await ec2.send(new CreateTagsCommand({ Resources: [Vpc!.VpcId!], Tags: [{ Key: 'egress', Value: 'proxy' }] }));
    await cloud.awaitIdle();

    const { doc } = await doctorJson([...args, '--vpc', Vpc!.VpcId!], env);
    const [az] = failures(doc);
    expect(failures(doc)).toHaveLength(1);
    expect(az.name).toBe(`${Vpc!.VpcId} (${member2}): AZ IDs`);
    for (const z of unserved) expect(az.detail).toContain(z.ZoneId);
    for (const id of served) expect(az.detail).toContain(id);
    expect(az.fix).toContain('create a subnet in one of');
  });

  test('a --vpc found in no account', async () => {
    const { doc } = await doctorJson([...args, '--vpc', 'vpc-0123456789abcdef0'], env);
    expect(failures(doc)).toEqual([expect.objectContaining({ name: 'vpc-0123456789abcdef0', detail: expect.stringContaining('not found in 123456789012') })]);
  });

  // Last: the member role's policy stays changed.
  test('a permission missing from the member role (DryRun answers UnauthorizedOperation)', async () => {
    cloud.iam.removePermission(memberRoleArn(member1), 'ec2:CreateVpcEndpoint');
    const { code, doc } = await doctorJson([...args, '--account', member1], env);
    expect(doc.checks.some((c) => c.name.includes(member2))).toBe(false);
    expect(code).toBe(1);
    expect(failures(doc)).toEqual([expect.objectContaining({
      name: `account ${member1}: DryRun ec2:CreateVpcEndpoint`,
      detail: expect.stringContaining('ec2:CreateVpcEndpoint'),
      fix: expect.stringContaining(`redeploy the member stack in ${member1}`),
    })]);
  });
});
