/**
 * Request validation against the service model (service-model.json, generated from the AWS SDK's
 * own model): a missing required member or a value outside a member's enum is refused before the
 * operation runs, with the code and wording each protocol family uses —
 *  - EC2 Query: `MissingParameter` / `InvalidParameterValue`
 *    (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html),
 *  - JSON and REST-JSON services: `ValidationException` with "N validation error(s) detected: Value …
 *    at '…' failed to satisfy constraint: …" (e.g. https://docs.aws.amazon.com/eventbridge/latest/APIReference/CommonErrors.html).
 * Pure: request in, error (or undefined) out. Cost per request: one model lookup and a check of the
 * few members the model marks (measured in test/local/model/validate.test.ts).
 */
import { QueryParams } from '../protocol/query';
import type { LocalRequest } from '../service';
import { operationModel, serviceModel, type MemberModel } from './index';

export interface ValidationFailure {
  status: 400;
  code: 'MissingParameter' | 'InvalidParameterValue' | 'ValidationException';
  message: string;
}

type Request = Pick<LocalRequest, 'method' | 'body' | 'query'> & { labels?: Record<string, string> };

/** EC2 reads the Query parameters: a list is present when `Name.1` is, a structure when any `Name.…` is. */
function ec2Values(p: QueryParams, m: MemberModel): string[] | undefined {
  if (m.kind === 'scalar') return p.has(m.name) ? [p.get(m.name)!] : undefined;
  if (m.kind === 'list') {
    const items = p.list(m.name);
    if (items.length > 0) return items;
    return p.structs(m.name).length > 0 ? [] : undefined;
  }
  return p.struct(m.name).size > 0 ? [] : undefined;
}

function validateEc2(members: MemberModel[], req: Request): ValidationFailure | undefined {
  const p = QueryParams.parse(req.method === 'GET' ? req.query.toString() : req.body);
  for (const m of members) {
    const values = ec2Values(p, m);
    if (values === undefined) {
      if (m.required) return { status: 400, code: 'MissingParameter', message: `The request must contain the parameter ${m.name}` };
      continue;
    }
    const bad = m.enum ? values.find((v) => !m.enum!.includes(v)) : undefined;
    if (bad !== undefined) {
      return {
        status: 400, code: 'InvalidParameterValue',
        message: `Value (${bad}) for parameter ${m.name} is invalid. Valid values: ${m.enum!.join(', ')}`,
      };
    }
  }
  return undefined;
}

function jsonBody(body: string): Record<string, unknown> | undefined {
  if (body.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined; // the service answers its own SerializationException
  }
}

function restValue(m: MemberModel, req: Request, body: Record<string, unknown>): unknown {
  switch (m.location) {
    // Routing only matches a path whose labels are non-empty, so without labels a label is present.
    case 'label': return req.labels ? req.labels[m.name] || undefined : '';
    case 'query': return req.query.getAll(m.name).length > 1 ? req.query.getAll(m.name) : (req.query.get(m.name) ?? undefined);
    case 'header': return undefined;
    default: return body[m.name];
  }
}

function validateJson(members: MemberModel[], req: Request, rest: boolean): ValidationFailure | undefined {
  const body = jsonBody(req.body);
  if (!body) return undefined;
  const errors: string[] = [];
  for (const m of members) {
    const value = rest ? restValue(m, req, body) : body[m.name];
    if (value === undefined || value === null) {
      if (m.required) errors.push(`Value null at '${m.member}' failed to satisfy constraint: Member must not be null`);
      continue;
    }
    if (!m.enum) continue;
    const bad = (Array.isArray(value) ? value : [value]).find((v) => typeof v !== 'string' || !m.enum!.includes(v));
    if (bad !== undefined) {
      errors.push(`Value '${String(bad)}' at '${m.member}' failed to satisfy constraint: Member must satisfy enum value set: [${m.enum.join(', ')}]`);
    }
  }
  if (errors.length === 0) return undefined;
  const n = errors.length;
  return { status: 400, code: 'ValidationException', message: `${n} validation error${n > 1 ? 's' : ''} detected: ${errors.join('; ')}` };
}

/** The error AWS would answer for this request before running it, or undefined when the model admits it. */
export function validateRequest(service: string, operation: string, req: Request): ValidationFailure | undefined {
  const op = operationModel(service, operation);
  if (!op || op.members.length === 0) return undefined;
  switch (serviceModel(service)!.protocol) {
    case 'ec2': return validateEc2(op.members, req);
    case 'json': return validateJson(op.members, req, false);
    case 'rest-json': return validateJson(op.members, req, true);
    default: return undefined;
  }
}
