/**
 * The fault schedule: what each round injects through the local cloud's fault routes
 * (docs/local-cloud.md#faults). Which kinds the local cloud offers is found out by asking it (a
 * campaign against an older local cloud still runs, and says which kinds it used).
 */
import type { LocalApi } from './local-api';
import type { Prng } from './prng';

export interface FaultSupport {
  api: boolean;
  lostResponse: boolean;
  /** API faults scoped to a caller: aimed at the operator's roles, not at the owners' own calls. */
  principal: boolean;
  /** API faults scoped to one resource ID (one VPC's calls). */
  resourceId: boolean;
  taskFaults: boolean;
  eventFaults: boolean;
  proxy: boolean;
  endpointState: boolean;
}

/** The operator's functions call AWS as sessions of their roles; owners and drift act as the account root. */
const OPERATOR_SESSIONS = 'arn:aws:sts::';

export async function detectFaultSupport(api: LocalApi): Promise<FaultSupport> {
  const ok = async (method: string, path: string, body?: unknown) => (await api.call(method, path, body)).status < 300;
  const probe = (rule: object) => ok('POST', '/_local/faults', { operation: 'chaos:Probe', count: 1, ...rule });
  const support: FaultSupport = {
    api: await probe({ kind: 'throttle' }),
    lostResponse: await probe({ kind: 'lost-response' }),
    principal: await probe({ kind: 'throttle', principal: OPERATOR_SESSIONS }),
    resourceId: await probe({ kind: 'throttle', resourceId: 'vpc-00000000' }),
    taskFaults: await ok('GET', '/_local/task-faults'),
    eventFaults: await ok('GET', '/_local/event-faults'),
    proxy: await ok('GET', '/_local/proxy'),
    endpointState: (await api.call('POST', '/_local/endpoints/vpce-00000000/state', { state: 'Failed' })).status === 404,
  };
  await api.call('DELETE', '/_local/faults');
  return support;
}

type Rule = Record<string, unknown>;

const DESCRIBES = ['ec2:DescribeVpcs', 'ec2:DescribeVpcEndpoints', 'ec2:DescribeSecurityGroups', 'ec2:DescribeSubnets', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeVpcEndpointAssociations'];
const WRITES = ['ec2:CreateVpcEndpoint', 'ec2:DeleteVpcEndpoints', 'ec2:CreateSecurityGroup', 'ec2:DeleteSecurityGroup', 'ec2:CreateTags', 'ec2:DeleteTags', 'ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress'];
/** AWS's answers when a resource is still changing, draining, or not yet visible (docs/design.md#errors). */
const AWS_CODES: [string, string][] = [
  ['ec2:DeleteVpcEndpoints', 'IncorrectState'], ['ec2:DeleteSecurityGroup', 'DependencyViolation'],
  ['ec2:AuthorizeSecurityGroupIngress', 'InvalidGroup.NotFound'], ['ec2:CreateVpcEndpoint', 'InvalidParameterValue'],
  ['ec2:CreateVpcEndpoint', 'SomethingNobodyClassified'], ['ec2:DescribeVpcEndpoints', 'InvalidVpcEndpointId.NotFound'],
];
const TASK_STATES = ['Observe', 'EnsureSecurityGroup', 'EnsureEndpoint', 'AwaitEndpoint', 'VerifyProxy', 'RetireReplaced', 'Finalize', 'PublishStatus', 'ScanFleet', 'MarkProxyHealth'];

export interface RoundFaults { api: Rule[]; task: Rule[]; event: Rule[]; stopProxy: boolean }

/** A round's faults: a few rules of each kind the local cloud supports, rate- or count-limited. */
export function planRoundFaults(support: FaultSupport, random: Prng, vpcIds: string[]): RoundFaults {
  const seed = () => random.int(1, 1_000_000);
  const scope = support.principal ? { principal: OPERATOR_SESSIONS } : {};
  const api: Rule[] = [];
  if (support.api) {
    api.push({ operation: 'ec2:*', kind: 'throttle', rate: 0.05 + random.next() * 0.1, seed: seed() });
    for (const op of random.sample([...DESCRIBES, 'vpc-lattice:*', 'states:StartExecution'], 2)) api.push({ operation: op, kind: 'server-error', rate: 0.2, seed: seed() });
    for (const op of random.sample(WRITES, 2)) api.push({ operation: op, kind: 'server-error', count: random.int(1, 3) });
    for (const [op, code] of random.sample(AWS_CODES, 2)) api.push({ operation: op, kind: 'error', code, status: 400, count: random.int(1, 3) });
    api.push({ operation: random.pick([...WRITES, ...DESCRIBES]), kind: 'slow', delayMs: random.int(100, 800), rate: 0.3, seed: seed() });
    if (support.resourceId && vpcIds.length) {
      // One VPC whose every call fails for a while, the others untouched.
      api.push({ operation: 'ec2:*', kind: 'server-error', resourceId: random.pick(vpcIds), rate: 0.5, seed: seed(), count: random.int(2, 6) });
    }
    if (support.lostResponse) {
      for (const op of random.sample(['ec2:CreateVpcEndpoint', 'ec2:CreateSecurityGroup', 'ec2:DeleteVpcEndpoints', 'ec2:CreateTags', 'ec2:DeleteSecurityGroup'], 2)) {
        api.push({ operation: op, kind: 'lost-response', count: random.int(1, 2) });
      }
    }
  }
  const task: Rule[] = !support.taskFaults ? [] : random.sample(TASK_STATES, 2).map((state) => ({
    state, kind: random.pick(['Lambda.ServiceException', 'States.Timeout', 'crash-after']), rate: 0.3, seed: seed(), count: random.int(1, 3),
  })).map((r) => (r.kind === 'crash-after' ? { ...r, error: random.pick(['Lambda.ServiceException', 'Sandbox.Timedout', 'Lambda.Unknown']) } : r));
  const event: Rule[] = !support.eventFaults ? [] : [
    { kind: random.pick(['drop', 'duplicate', 'delay', 'fail']), rule: 'egress-operator-tag-change', rate: 0.3, seed: seed(), count: random.int(1, 4), delayMs: random.int(200, 1500) },
  ];
  return { api: api.map((r) => ({ ...r, ...scope })), task, event, stopProxy: support.proxy && random.chance(0.25) };
}

/** Injected fault rules by kind, for the summary. */
export type FaultTally = Record<string, number>;

export async function injectRound(api: LocalApi, faults: RoundFaults, tally: FaultTally): Promise<void> {
  const post = async (path: string, rules: Rule[], kindOf: (r: Rule) => string) => {
    if (!rules.length) return;
    const res = await api.call('POST', path, rules);
    if (res.status >= 300) throw new Error(`${path} refused the campaign's rules: ${JSON.stringify(res.json)}`);
    for (const r of rules) tally[kindOf(r)] = (tally[kindOf(r)] ?? 0) + 1;
  };
  await post('/_local/faults', faults.api, (r) => `api:${r.kind}${r.code ? `:${r.code}` : ''}${r.resourceId ? ':one-vpc' : ''}`);
  await post('/_local/task-faults', faults.task, (r) => `task:${r.kind}${r.error ? `:${r.error}` : ''}`);
  await post('/_local/event-faults', faults.event, (r) => `event:${r.kind}`);
  if (faults.stopProxy) {
    await api.call('POST', '/_local/proxy/stop');
    tally['proxy:stop'] = (tally['proxy:stop'] ?? 0) + 1;
  }
}

/** Every fault off, the proxy running. */
export async function stopFaults(api: LocalApi, support: FaultSupport): Promise<void> {
  await api.call('DELETE', '/_local/faults');
  if (support.taskFaults) await api.call('DELETE', '/_local/task-faults');
  if (support.eventFaults) await api.call('DELETE', '/_local/event-faults');
  if (support.proxy) await api.call('POST', '/_local/proxy/start');
}
