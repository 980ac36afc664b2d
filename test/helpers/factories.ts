/** Fixture factories shared by tests. */

/** An `aws.tag` Tag Change on Resource event for a VPC, as EventBridge delivers it. */
export function tagEvent(over: { tags?: Record<string, string>; changed?: string[]; version?: number; resource?: string } = {}) {
  return {
    version: '0', id: 'e-1', source: 'aws.tag', 'detail-type': 'Tag Change on Resource', account: '123456789012',
    region: 'us-east-1', time: '2026-11-26T00:00:00Z',
    resources: [over.resource ?? 'arn:aws:ec2:us-east-1:123456789012:vpc/vpc-0123456789abcdef0'],
    detail: {
      'changed-tag-keys': over.changed ?? ['egress'], service: 'ec2', 'resource-type': 'vpc',
      version: over.version ?? 3, tags: over.tags ?? { egress: 'proxy' },
    },
  };
}
