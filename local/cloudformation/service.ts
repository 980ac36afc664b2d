/**
 * A minimal local CloudFormation (signing name `cloudformation`, AWS Query protocol, API version
 * 2010-05-15): DescribeStacks only, answering the stacks the local cloud stands for — the hub and the
 * operator, in the operator account and home Region, with the outputs the CDK stacks declare
 * (infra/stacks/hub-stack.ts, infra/stacks/operator-stack.ts). `egress doctor` reads them.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStacks.html —
 * "If the stack doesn't exist, a ValidationError is returned" ("Stack with id X does not exist").
 * No StackName lists every stack of the account and Region. Errors are the Query protocol's
 * `<ErrorResponse>` (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/CommonErrors.html).
 */
import { randomUUID } from 'node:crypto';
import { QueryParams } from '../protocol/query';
import type { LocalRequest, LocalResponse, LocalService } from '../service';

const NAMESPACE = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';

export interface LocalStack {
  accountId: string;
  region: string;
  name: string;
  /** The stack ID: `arn:aws:cloudformation:REGION:ACCOUNT:stack/NAME/UUID`. */
  id: string;
  description?: string;
  status: string;
  createdAt: Date;
  outputs: Array<{ key: string; value: string; description?: string; exportName?: string }>;
}

export function stackId(accountId: string, region: string, name: string): string {
  return `arn:aws:cloudformation:${region}:${accountId}:stack/${name}/${randomUUID()}`;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const el = (name: string, value: string | undefined) => (value === undefined ? '' : `<${name}>${escape(value)}</${name}>`);

function renderStack(s: LocalStack): string {
  const outputs = s.outputs.map((o) => `<member>${el('OutputKey', o.key)}${el('OutputValue', o.value)}${el('Description', o.description)}${el('ExportName', o.exportName)}</member>`).join('');
  return `<member>${el('StackName', s.name)}${el('StackId', s.id)}${el('Description', s.description)}`
    + `${el('CreationTime', s.createdAt.toISOString())}${el('StackStatus', s.status)}<DisableRollback>false</DisableRollback>`
    + `<Outputs>${outputs}</Outputs><Tags/><EnableTerminationProtection>false</EnableTerminationProtection></member>`;
}

export function cloudFormationError(status: number, code: string, message: string): LocalResponse {
  const body = `<ErrorResponse xmlns="${NAMESPACE}"><Error><Type>${status >= 500 ? 'Receiver' : 'Sender'}</Type>${el('Code', code)}${el('Message', message)}</Error>`
    + `<RequestId>${randomUUID()}</RequestId></ErrorResponse>`;
  return { status, headers: { 'content-type': 'text/xml' }, body };
}

const paramsOf = (req: Pick<LocalRequest, 'method' | 'body' | 'query'>) => QueryParams.parse(req.method === 'GET' ? req.query.toString() : req.body);

/** `stacks()`: the stacks as they stand now (the hub is seeded after the server starts). */
export function createCloudFormationService(stacks: () => readonly LocalStack[]): LocalService {
  return {
    name: 'cloudformation',
    operationOf: (req) => (paramsOf(req).get('Action') === 'DescribeStacks' ? 'DescribeStacks' : undefined),
    async handle(req) {
      const wanted = paramsOf(req).get('StackName');
      const visible = stacks().filter((s) => s.accountId === req.caller.accountId && s.region === req.region);
      const found = wanted === undefined ? visible : visible.filter((s) => s.name === wanted || s.id === wanted);
      if (wanted !== undefined && !found.length) return cloudFormationError(400, 'ValidationError', `Stack with id ${wanted} does not exist`);
      const body = `<DescribeStacksResponse xmlns="${NAMESPACE}"><DescribeStacksResult><Stacks>${found.map(renderStack).join('')}</Stacks></DescribeStacksResult>`
        + `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></DescribeStacksResponse>`;
      return { status: 200, headers: { 'content-type': 'text/xml' }, body };
    },
    error: cloudFormationError,
  };
}
