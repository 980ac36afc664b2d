/**
 * One decision, one place: for random bulk observations of a Ready VPC, the sweep's drift is empty
 * exactly when no planner would act — the security group and endpoint planners return no action, the
 * kept endpoint's readiness needs no run, and the status PublishStatus would write equals the tags
 * already there.
 */
import fc from 'fast-check';
import { vpcDrift, type DriftContext, type ScannedAssociation, type ScannedEndpoint, type ScannedGroup } from '../../../../handlers/lib/drift';
import { planEndpoint } from '../../../../handlers/lib/plan/endpoint';
import { planReadiness } from '../../../../handlers/lib/plan/readiness';
import { planSecurityGroup } from '../../../../handlers/lib/plan/security-group';
import { decideStatus } from '../../../../handlers/lib/plan/status';
import { applyChange, diffTags } from '../../../../handlers/lib/plan/status-tags';
import type { TagMap } from '../../../../handlers/lib/tags';

const VPC = 'vpc-0aaaaaaaaaaaaaaa1';
const ARN = 'arn:aws:vpc-lattice:us-east-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef0';
const NOW = Date.parse('2026-11-20T12:00:00Z');
const CIDRS = ['10.0.0.0/16', '2600:1f18:4000:100::/56'];
const SUBNETS = ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2'];
/** generationOf({ egress: 'proxy' }) and generationOf({ egress: 'proxy', 'egress:subnets': SUBNETS[0] }). */
const GENERATION = { plain: '1dc9f495af', subnetA: 'ab0a9bb2c0' };
const READY_REASON = 'ProxyReachable: CONNECT through the proxy succeeded';
const ctx: DriftContext = { now: NOW, hub: { ok: true, arn: ARN, host: '10.0.1.10', port: 3128 }, proxy: { ok: true, reason: 'ProxyReachable: ok' }, sweepIntervalMs: 900_000 };
const dnsOf = (id: string) => `${id}-snra-x.rcfg-0123456789abcdef0.4232ccc.vpc-lattice-rsc.us-east-1.on.aws`;

const PROXY_RULES = CIDRS.map((cidr) => ({ protocol: 'tcp', fromPort: 3128, toPort: 3128, cidr }));
const SG = ['sg-0aaaaaaaaaaaaaaa1', 'sg-0bbbbbbbbbbbbbbb2'];
const EP = ['vpce-0aaaaaaaaaaaaaaa1', 'vpce-0bbbbbbbbbbbbbbb2', 'vpce-0ccccccccccccccc3'];

interface Observation {
  groups: ScannedGroup[];
  endpoints: ScannedEndpoint[];
  accessibility?: string;
  namedSubnets: boolean;
  endpointTag?: string;
  proxyHost?: string;
  port: number;
  reason: string;
}

const healthy = (): Observation => ({
  groups: [{ id: SG[0], owner: VPC, vpcId: VPC, rules: [...PROXY_RULES] }],
  endpoints: [{ id: EP[0], owner: VPC, vpcId: VPC, state: 'Available', subnetIds: [...SUBNETS], securityGroupIds: [SG[0]], resourceConfigurationArn: ARN, createdAt: '2026-01-01T00:00:00.000Z' }],
  accessibility: 'Accessible', namedSubnets: false, endpointTag: EP[0], proxyHost: dnsOf(EP[0]), port: 3128, reason: READY_REASON,
});

/** What people and AWS do to a healthy VPC: some of it is drift, some (references, dead endpoints) is not. */
const CHANGES: Record<string, (o: Observation) => void> = {
  extraCidrRule: (o) => { o.groups[0]?.rules.push({ protocol: 'tcp', fromPort: 22, toPort: 22, cidr: '0.0.0.0/0' }); },
  revokedRule: (o) => { o.groups[0]?.rules.pop(); },
  portChanged: (o) => { if (o.groups[0]?.rules[0]) o.groups[0].rules[0] = { ...o.groups[0].rules[0], fromPort: 8080, toPort: 8080 }; },
  groupReference: (o) => { o.groups[0]?.rules.push({ protocol: '-1', fromPort: -1, toPort: -1, cidr: 'group:{"GroupId":"sg-0fffffffffffffff9"}' }); },
  prefixList: (o) => { o.groups[0]?.rules.push({ protocol: 'tcp', fromPort: 3128, toPort: 3128, cidr: 'prefix-list:{"PrefixListId":"pl-0123456789abcdef0"}' }); },
  groupDeleted: (o) => { o.groups = []; },
  secondGroup: (o) => { o.groups.push({ id: SG[1], owner: VPC, vpcId: VPC, rules: [] }); },
  endpointDeleted: (o) => { o.endpoints = []; },
  endpointDeleting: (o) => { o.endpoints[0] && (o.endpoints[0].state = 'deleting'); },
  endpointPending: (o) => { o.endpoints[0] && (o.endpoints[0].state = 'Pending'); },
  endpointFailed: (o) => { o.endpoints[0] && (o.endpoints[0].state = 'failed'); },
  otherSecurityGroup: (o) => { o.endpoints[0] && (o.endpoints[0].securityGroupIds = [SG[1]]); },
  otherConfiguration: (o) => { o.endpoints[0] && (o.endpoints[0].resourceConfigurationArn = `${ARN}0`); },
  ownerNamedSubnets: (o) => { o.namedSubnets = true; },
  duplicate: (o) => { o.endpoints.push({ ...healthy().endpoints[0], id: EP[1], createdAt: '2026-01-02T00:00:00.000Z' }); },
  deadLeftover: (o) => { o.endpoints.push({ ...healthy().endpoints[0], id: EP[2], state: 'deleted', createdAt: '2026-01-03T00:00:00.000Z' }); },
  inaccessible: (o) => { o.accessibility = 'Inaccessible'; },
  noAssociation: (o) => { o.accessibility = undefined; },
  endpointTagEdited: (o) => { o.endpointTag = EP[1]; },
  endpointTagRemoved: (o) => { o.endpointTag = undefined; },
  proxyElsewhere: (o) => { o.proxyHost = 'evil.example.com'; },
  proxyRemoved: (o) => { o.proxyHost = undefined; },
  proxyPort: (o) => { o.port = 8080; },
  reasonEdited: (o) => { o.reason = 'AllGood: trust me'; },
};

const observation: fc.Arbitrary<Observation> = fc.uniqueArray(fc.constantFrom(...Object.keys(CHANGES)), { maxLength: 3 })
  .map((changes) => { const o = healthy(); for (const c of changes) CHANGES[c](o); return o; });


function tagsOf(o: Observation): TagMap {
  return {
    egress: 'proxy', ...(o.namedSubnets ? { 'egress:subnets': SUBNETS[0] } : {}),
    'egress-proxy:state': 'Ready', 'egress-proxy:reason': o.reason,
    ...(o.endpointTag ? { 'egress-proxy:endpoint': o.endpointTag } : {}),
    ...(o.proxyHost ? { 'egress-proxy': `http://${o.proxyHost}:${o.port}` } : {}),
    'egress-proxy:generation': o.namedSubnets ? GENERATION.subnetA : GENERATION.plain,
    'egress-proxy:since': '2026-11-19T12:00:00.000Z', 'egress-proxy:execution': `${VPC}-x-t1`,
  };
}

/** Would any planner act? Asked of each planner directly, as the reconcile steps ask them. */
function plannersAct(o: Observation, tags: TagMap, associations: Map<string, ScannedAssociation>): boolean {
  const sg = planSecurityGroup(o.groups, { cidrs: CIDRS, port: 3128 });
  if (sg.actions.length) return true;
  const plan = planEndpoint({ resourceConfigurationArn: ARN, ...(o.namedSubnets ? { subnetIds: [SUBNETS[0]] } : {}), securityGroupIds: [sg.groupId!] }, o.endpoints);
  if (plan.actions.length) return true;
  const a = associations.get(plan.keep!);
  const kept = o.endpoints.find((e) => e.id === plan.keep)!;
  const readiness = planReadiness({ endpointId: kept.id, state: kept.state, association: { accessibility: a?.accessibility, dnsNames: a?.dnsNames ?? [] } });
  if (readiness.kind === 'waiting' && readiness.on === 'association') return true;
  const decision = decideStatus({
    vpcId: VPC, endpoint: { endpointId: kept.id, proxyHost: dnsOf(kept.id) },
    observed: {
      vpcId: VPC, exists: true, desired: 'present', spec: { optedIn: true, deletionPolicy: 'delete' }, generation: tags['egress-proxy:generation'],
      cidrs: CIDRS, statusTags: {}, listOwned: true, hub: { resourceConfigurationArn: ARN, proxyHost: '10.0.1.10', proxyPort: 3128, gatewayAzIds: [] },
    },
  });
  const status = Object.fromEntries(Object.entries(tags).filter(([k]) => k.startsWith('egress-proxy')));
  const wanted = applyChange(status, decision.change, { generation: tags['egress-proxy:generation'], now: new Date(NOW) })!;
  const diff = diffTags(status, wanted);
  return Object.keys(diff.set).length > 0 || diff.remove.length > 0;
}

it('drift is empty exactly when no planner would act', () => {
  fc.assert(fc.property(observation, (o) => {
    const associations = new Map(o.endpoints.map((e) => [e.id, { endpointId: e.id, accessibility: o.accessibility, dnsNames: [dnsOf(e.id)] }]));
    const tags = tagsOf(o);
    const drift = vpcDrift({ vpcId: VPC, tags, cidrs: CIDRS }, { endpoints: o.endpoints, groups: o.groups }, associations, ctx).drift;
    const act = plannersAct(o, tags, associations);
    expect({ drift: drift.map((d) => d.kind), act }).toEqual({ drift: act ? expect.arrayContaining([expect.any(String)]) : [], act });
  }), { numRuns: 500 });
});

it('the generator reaches both sides: VPCs with nothing to do and VPCs with drift', () => {
  const samples = fc.sample(observation, { numRuns: 500, seed: 42 });
  const quiet = samples.filter((o) => {
    const associations = new Map(o.endpoints.map((e) => [e.id, { endpointId: e.id, accessibility: o.accessibility, dnsNames: [dnsOf(e.id)] }]));
    return !plannersAct(o, tagsOf(o), associations);
  }).length;
  expect(quiet).toBeGreaterThan(5);
  expect(quiet).toBeLessThan(495);
});
