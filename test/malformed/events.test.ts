/**
 * Malformed events and task inputs, fed to the real handlers:
 * - the tag-rule target (DispatchTagEvent) drops what is not a VPC tag change of an owner key with a
 *   reason naming the field (returning normally, so EventBridge does not retry it) and starts nothing;
 * - reconcile-vpc's first step (Observe) refuses a malformed task input as `InvalidSpec: malformed task
 *   input: <field>: <problem>` before any AWS call (docs/design.md#workflows).
 * No AWS call is made for any row: the Step Functions and EC2 clients' `send` are watched.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-tagging.html#eb-tag-events
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { handler as dispatch } from '../../handlers/dispatch-tag-event';
import { handler as observe } from '../../handlers/observe';
import { tagEvent } from '../helpers/factories';

const ARN = 'arn:aws:ec2:us-east-1:123456789012:vpc/';
const good = tagEvent();
const detail = good.detail;
const withDetail = (over: Record<string, unknown>) => ({ ...good, detail: { ...detail, ...over } });
const notAnEvent = (what: string) => `not a VPC tag-change event: ${what}`;
const notAVpcArn = (shown: string) => `resources[0] is not a VPC ARN: ${shown}`;
const noOwnerKey = (changed: string) =>
  `no owner key changed (changed: ${changed}; owner keys, case-sensitive: egress, egress:subnets, egress:deletion-policy): nothing to do`;

export const EVENT_ROWS: [string, unknown, string][] = [
  ['null', null, notAnEvent('(event): Invalid input: expected object, received null')],
  ['a number', 42, notAnEvent('(event): Invalid input: expected object, received number')],
  ['an array', [good], notAnEvent('(event): Invalid input: expected object, received array')],
  ['a string', 'egress=proxy', notAnEvent('(event): Invalid input: expected object, received string')],
  ['an empty object', {}, notAnEvent('source: Invalid input: expected "aws.tag"')],
  ['another source (aws.ec2)', { ...good, source: 'aws.ec2' }, notAnEvent('source: Invalid input: expected "aws.tag"')],
  ['a CloudTrail detail-type', { ...good, 'detail-type': 'AWS API Call via CloudTrail' }, notAnEvent('detail-type: Invalid input: expected "Tag Change on Resource"')],
  ['no resources', { ...good, resources: [] }, notAnEvent('resources: Too small: expected array to have >=1 items')],
  ['a number as the resource', { ...good, resources: [42] }, notAnEvent('resources.0: Invalid input: expected string, received number')],
  ['a subnet ARN', tagEvent({ resource: 'arn:aws:ec2:us-east-1:123456789012:subnet/subnet-0123456789abcdef0' }), notAVpcArn('"arn:aws:ec2:us-east-1:123456789012:subnet/subnet-0123456789abcdef0"')],
  ['a VPC ID in upper case', tagEvent({ resource: `${ARN}vpc-0123456789ABCDEF0` }), notAVpcArn(`"${ARN}vpc-0123456789ABCDEF0"`)],
  ['an 11-digit account', tagEvent({ resource: 'arn:aws:ec2:us-east-1:12345678901:vpc/vpc-0123456789abcdef0' }), notAVpcArn('"arn:aws:ec2:us-east-1:12345678901:vpc/vpc-0123456789abcdef0"')],
  ['a path traversal in the ARN', tagEvent({ resource: `${ARN}../../etc` }), notAVpcArn(`"${ARN}../../etc"`)],
  ['a fullwidth ｆ in the VPC ID', tagEvent({ resource: `${ARN}vpc-0123456789abcdeｆ0` }), notAVpcArn(`"${ARN}vpc-0123456789abcde\\uff460"`)],
  ['a NUL after the VPC ID', tagEvent({ resource: `${ARN}vpc-0123456789abcdef0\u0000` }), notAVpcArn(`"${ARN}vpc-0123456789abcdef0\\u0000"`)],
  ['a 10,000-character ARN, clipped', tagEvent({ resource: `${ARN}${'a'.repeat(10_000)}` }), notAVpcArn(`"${ARN}${'a'.repeat(120 - ARN.length)}…"`)],
  ['no detail', { ...good, detail: undefined }, notAnEvent('detail: Invalid input: expected object, received undefined')],
  ['tags as a string', withDetail({ tags: 'egress=proxy' }), notAnEvent('detail.tags: Invalid input: expected record, received string')],
  ['a tag value that is a number', withDetail({ tags: { egress: 1 } }), notAnEvent('detail.tags.egress: Invalid input: expected string, received number')],
  ['changed-tag-keys as a string', withDetail({ 'changed-tag-keys': 'egress' }), notAnEvent('detail.changed-tag-keys: Invalid input: expected array, received string')],
  ['a negative tag-set version', withDetail({ version: -1 }), notAnEvent('detail.version: Too small: expected number to be >=0')],
  ['a tag-set version as a string', withDetail({ version: '3' }), notAnEvent('detail.version: Invalid input: expected number, received string')],
  ['a fractional tag-set version', withDetail({ version: 1.5 }), notAnEvent('detail.version: Invalid input: expected int, received number')],
  ['another service (s3)', withDetail({ service: 's3' }), notAnEvent('detail.service: Invalid input: expected "ec2"')],
  ['another resource type (subnet)', withDetail({ 'resource-type': 'subnet' }), notAnEvent('detail.resource-type: Invalid input: expected "vpc"')],
  ['only the operator\'s own key changed', tagEvent({ changed: ['egress-proxy:state'] }), noOwnerKey('"egress-proxy:state"')],
  ['no key changed', tagEvent({ changed: [] }), noOwnerKey('none')],
  ['the owner key in the wrong case (Egress)', tagEvent({ changed: ['Egress'] }), noOwnerKey('"Egress"')],
];

const VPC = 'vpc-0123456789abcdef0';
const malformed = (what: string) => `malformed task input: ${what}`;
const NOT_A_VPC_ID = 'is not a VPC ID (vpc- and 8 or 17 hex digits)';

export const TASK_INPUT_ROWS: [string, unknown, string][] = [
  ['null', null, malformed('(input): Invalid input: expected object, received null')],
  ['no execution name', { state: { vpcId: VPC } }, malformed('execution: Invalid input: expected string, received undefined')],
  ['an empty execution name', { execution: '', state: { vpcId: VPC } }, malformed('execution: Too small: expected string to have >=1 characters')],
  ['no state', { execution: 'x' }, malformed('state: Invalid input: expected object, received undefined')],
  ['a state that is an array', { execution: 'x', state: [] }, malformed('state: Invalid input: expected object, received array')],
  ['no VPC ID', { execution: 'x', state: {} }, malformed('state.vpcId: Invalid input: expected string, received undefined')],
  ['a VPC ID in upper case', { execution: 'x', state: { vpcId: 'VPC-0123456789ABCDEF0' } }, malformed(`state.vpcId: ${NOT_A_VPC_ID}`)],
  ['a subnet ID for the VPC ID', { execution: 'x', state: { vpcId: 'subnet-0123456789abcdef0' } }, malformed(`state.vpcId: ${NOT_A_VPC_ID}`)],
  ['a path traversal for the VPC ID', { execution: 'x', state: { vpcId: 'vpc-01234567/../../etc' } }, malformed(`state.vpcId: ${NOT_A_VPC_ID}`)],
  ['a VPC ID that is a number', { execution: 'x', state: { vpcId: 1234 } }, malformed('state.vpcId: Invalid input: expected string, received number')],
  ['dryRun as the string "yes"', { execution: 'x', state: { vpcId: VPC, dryRun: 'yes' } }, malformed('state.dryRun: Invalid input: expected boolean, received string')],
  ['an account that is a number', { execution: 'x', state: { vpcId: VPC, account: 123456789012 } }, malformed('state.account: Invalid input: expected string, received number')],
  ['a caught error that is a string', { execution: 'x', state: { vpcId: VPC, error: 'boom' } }, malformed('state.error: Invalid input: expected object, received string')],
  // The workflow's Paced? Choice sends a notBefore that is not a timestamp here instead of into Pace.
  ['a notBefore that is not a timestamp', { execution: 'x', state: { vpcId: VPC, notBefore: 'tomorrow' } }, malformed('state.notBefore: Invalid ISO datetime')],
  ['a forged partial observation', { execution: 'x', state: { vpcId: VPC, observed: { vpcId: VPC } } }, malformed('state.observed.exists: Invalid input: expected boolean, received undefined')],
];

let sfnSend: jest.SpyInstance;
let ec2Send: jest.SpyInstance;
beforeEach(() => {
  sfnSend = jest.spyOn(SFNClient.prototype, 'send');
  ec2Send = jest.spyOn(EC2Client.prototype, 'send');
});
afterEach(() => jest.restoreAllMocks());

it('has distinct rows', () => {
  expect(new Set(EVENT_ROWS.map(([name]) => name)).size).toBe(EVENT_ROWS.length);
  expect(new Set(TASK_INPUT_ROWS.map(([name]) => name)).size).toBe(TASK_INPUT_ROWS.length);
});

describe('DispatchTagEvent drops a malformed event with the reason, starting nothing', () => {
  it.each(EVENT_ROWS)('%s', async (_name, event, reason) => {
    await expect(dispatch(event)).resolves.toEqual({ dropped: reason });
    expect(sfnSend).not.toHaveBeenCalled();
  });
});

describe('Observe refuses a malformed task input as InvalidSpec naming the field, calling nothing', () => {
  it.each(TASK_INPUT_ROWS)('%s', async (_name, input, message) => {
    const err = await observe(input).then(() => undefined, (e: Error) => e);
    expect(err).toMatchObject({ name: 'InvalidSpec', message });
    expect(ec2Send).not.toHaveBeenCalled();
  });
});
