/**
 * VerifyProxy probes Squid from the resource gateway's side of the hub (docs/design.md#workflows, "What Ready means"):
 * the same subnets as the gateway, a security group Squid admits exactly like the gateway's (same port,
 * same kind of rule), and out only to Squid on the proxy port plus HTTPS to the AWS APIs. The templates
 * are compared across the hub/operator stack boundary, so a change to either side that breaks the
 * equivalence fails here.
 */
import type { Template } from 'aws-cdk-lib/assertions';
import { buildStacks, template } from './helpers';

let hub: Template;
let operator: Template;
beforeAll(() => {
  const stacks = buildStacks({});
  hub = template(stacks.hub);
  operator = template(stacks.operator);
});

const byType = (t: Template, type: string) => Object.entries(t.findResources(type));
/** The hub logical ID an operator value imports (`Fn::ImportValue` of a strong cross-stack reference). */
const importedLogicalId = (value: any, hubIds: string[]) => {
  const name = JSON.stringify(value);
  return hubIds.find((id) => name.includes(`Ref${id}`) || name.includes(`GetAtt${id}`)) ?? name;
};

function verifyProxyFunction() {
  const fn = byType(operator, 'AWS::Lambda::Function').find(([id]) => /^FunctionsVerifyProxy[0-9A-F]{8}$/.test(id));
  expect(fn).toBeDefined();
  return fn![1].Properties;
}

test('VerifyProxy runs in exactly the resource gateway\'s subnets', () => {
  const [[, gateway]] = byType(hub, 'AWS::VpcLattice::ResourceGateway');
  const gatewaySubnets = gateway.Properties.SubnetIds.map((s: any) => s.Ref).sort();
  const subnetIds = byType(hub, 'AWS::EC2::Subnet').map(([id]) => id);
  const fnSubnets = verifyProxyFunction().VpcConfig.SubnetIds.map((v: any) => importedLogicalId(v, subnetIds)).sort();
  expect(gatewaySubnets.length).toBeGreaterThan(0);
  expect(fnSubnets).toEqual(gatewaySubnets);
});

test('Squid admits VerifyProxy\'s group exactly like the gateway\'s: TCP on the proxy port, by group, nothing else', () => {
  const groupIds = byType(hub, 'AWS::EC2::SecurityGroup').map(([id]) => id);
  const [fnGroup] = verifyProxyFunction().VpcConfig.SecurityGroupIds.map((v: any) => importedLogicalId(v, groupIds));
  const [[, gateway]] = byType(hub, 'AWS::VpcLattice::ResourceGateway');
  const gatewayGroup = gateway.Properties.SecurityGroupIds[0]['Fn::GetAtt'][0];
  const ingress = byType(hub, 'AWS::EC2::SecurityGroupIngress').map(([, r]) => r.Properties);
  const rule = (group: string) => {
    const r = ingress.filter((i) => i.SourceSecurityGroupId['Fn::GetAtt'][0] === group);
    expect(r).toHaveLength(1);
    const { SourceSecurityGroupId, Description, ...shape } = r[0];
    return shape;
  };
  expect(rule(fnGroup)).toEqual(rule(gatewayGroup));
  expect(rule(fnGroup)).toMatchObject({ IpProtocol: 'tcp', FromPort: 3128, ToPort: 3128 });
});

test('VerifyProxy\'s group goes out only to Squid on the proxy port (as the gateway\'s) and to HTTPS for the AWS APIs', () => {
  const groupIds = byType(hub, 'AWS::EC2::SecurityGroup').map(([id]) => id);
  const [fnGroup] = verifyProxyFunction().VpcConfig.SecurityGroupIds.map((v: any) => importedLogicalId(v, groupIds));
  const group = hub.findResources('AWS::EC2::SecurityGroup')[fnGroup].Properties;
  const egress = [
    ...(group.SecurityGroupEgress ?? []),
    ...byType(hub, 'AWS::EC2::SecurityGroupEgress').map(([, r]) => r.Properties).filter((e) => e.GroupId['Fn::GetAtt'][0] === fnGroup),
  ].map((e) => `${e.IpProtocol} ${e.FromPort}-${e.ToPort} ${e.CidrIp ?? e.DestinationSecurityGroupId?.['Fn::GetAtt']?.[0]}`).sort();
  expect(egress).toEqual(['tcp 3128-3128 ' + groupIds.find((id) => id.startsWith('SquidSecurityGroup')), 'tcp 443-443 0.0.0.0/0']);
});
