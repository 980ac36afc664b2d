/**
 * The Step Functions API operations the operator, the CLI and the fleet sweep use, request JSON in,
 * response JSON out, in the shapes of the SFN API reference (dates as epoch seconds).
 */
import { clockNow } from '../clock';
import { requireExecutionArn } from './arns';
import type { Execution, Executions } from './executions';
import { wireEvent } from './history';
import { ApiError, epochSeconds, page } from './json-wire';
import type { Machine } from './machines';

type Body = Record<string, unknown>;
export type Operation = (body: Body) => Body | Promise<Body>;

const STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'];

export function operations(executions: Executions, machines: Map<string, Machine>): Record<string, Operation> {
  const find = (arn: unknown): Execution => {
    requireExecutionArn(arn);
    const e = executions.get(String(arn));
    if (!e) throw new ApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${String(arn)}'`);
    return e;
  };

  return {
    ListStateMachines: (b) => {
      const all = [...machines.values()].sort((x, y) => x.name.localeCompare(y.name));
      const { items, nextToken } = page(all, (m) => m.arn, b.maxResults, b.nextToken);
      return {
        stateMachines: items.map((m) => ({ stateMachineArn: m.arn, name: m.name, type: 'STANDARD', creationDate: epochSeconds(m.createdAt) })),
        ...(nextToken ? { nextToken } : {}),
      };
    },

    DescribeStateMachine: (b) => {
      const m = executions.machine(b.stateMachineArn);
      return {
        stateMachineArn: m.arn, name: m.name, status: 'ACTIVE', definition: m.text, type: 'STANDARD',
        roleArn: `arn:aws:iam::${m.arn.split(':')[4]}:role/egress-operator-local`, creationDate: epochSeconds(m.createdAt),
      };
    },

    StartExecution: (b) => {
      const { executionArn, startDate } = executions.start({ stateMachineArn: b.stateMachineArn, name: b.name, input: b.input });
      return { executionArn, startDate: epochSeconds(startDate) };
    },

    DescribeExecution: (b) => {
      const e = find(b.executionArn);
      return {
        executionArn: e.arn, stateMachineArn: e.machine.arn, name: e.name, status: e.status,
        startDate: epochSeconds(e.startDate), ...(e.stopDate ? { stopDate: epochSeconds(e.stopDate) } : {}),
        input: e.input, inputDetails: { included: true },
        ...(e.output !== undefined ? { output: e.output, outputDetails: { included: true } } : {}),
        ...(e.error !== undefined ? { error: e.error } : {}),
        ...(e.cause !== undefined ? { cause: e.cause } : {}),
        redriveCount: 0, redriveStatus: 'NOT_REDRIVABLE',
      };
    },

    ListExecutions: (b) => {
      if (b.stateMachineArn === undefined) throw new ApiError('ValidationException', 'Must provide a StateMachine ARN or MapRun ARN');
      const m = executions.machine(b.stateMachineArn);
      if (b.statusFilter !== undefined && !STATUSES.includes(String(b.statusFilter))) {
        throw new ApiError('ValidationException', `Value '${String(b.statusFilter)}' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [${STATUSES.join(', ')}]`);
      }
      const all = executions.list(m.name).filter((e) => b.statusFilter === undefined || e.status === b.statusFilter);
      const { items, nextToken } = page(all, (e) => e.arn, b.maxResults, b.nextToken);
      return {
        executions: items.map((e) => ({
          executionArn: e.arn, stateMachineArn: m.arn, name: e.name, status: e.status,
          startDate: epochSeconds(e.startDate), ...(e.stopDate ? { stopDate: epochSeconds(e.stopDate) } : {}),
        })),
        ...(nextToken ? { nextToken } : {}),
      };
    },

    GetExecutionHistory: (b) => {
      const e = find(b.executionArn);
      const ordered = b.reverseOrder === true ? [...e.history.events].reverse() : e.history.events;
      const { items, nextToken } = page(ordered, (h) => String(h.id), b.maxResults, b.nextToken);
      const includeData = b.includeExecutionData !== false;
      return { events: items.map((h) => wireEvent(h, includeData)), ...(nextToken ? { nextToken } : {}) };
    },

    StopExecution: (b) => {
      const e = find(b.executionArn);
      const stopped = executions.stop(e.arn, optional(b.error), optional(b.cause));
      return { stopDate: epochSeconds(stopped.stopDate ?? clockNow()) };
    },
  };
}

const optional = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : String(v));
