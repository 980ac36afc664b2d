/**
 * The thin adapter every workflow Lambda shares: validate the task input, key the logs by VPC and
 * execution, run the step, and let failures leave as named errors for the ASL Retry/Catch.
 */
import { z } from 'zod';
import { toOperatorError } from './aws-errors';
import { InvalidSpec, OperatorError } from './errors';
import { logger } from './logger';
import { VPC_ID } from './names';
import type { TaskInput } from './workflow-state';

const taskInputSchema = z.object({
  execution: z.string().min(1),
  state: z.object({ vpcId: z.string() }).passthrough(),
});


export function step<O>(name: string, run: (input: TaskInput) => Promise<O>): (event: unknown) => Promise<O> {
  return async (event: unknown) => {
    const parsed = taskInputSchema.safeParse(event);
    if (!parsed.success) {
      logger.error(`${name}: malformed task input`, { issues: parsed.error.issues.map((i) => i.message) });
      throw new InvalidSpec(`malformed task input: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
    }
    const input = parsed.data as unknown as TaskInput;
    if (!VPC_ID.test(input.state.vpcId)) {
      throw new InvalidSpec(`"${input.state.vpcId.slice(0, 40)}" is not a VPC ID`);
    }
    logger.appendKeys({ step: name, vpcId: input.state.vpcId, execution: input.execution });
    try {
      const result = await run(input);
      logger.info(`${name} done`, { result: result as Record<string, unknown> });
      return result;
    } catch (err) {
      const named = namedError(err, name);
      logger.warn(`${name} failed`, { error: named.name, detail: named.message });
      throw named;
    } finally {
      logger.resetKeys();
    }
  };
}

/** AWS errors become operator errors; programming errors keep their own name (they are bugs to see). */
function namedError(err: unknown, action: string): Error {
  if (err instanceof OperatorError) return err;
  const e = err as { $metadata?: unknown; code?: string };
  if (e && (e.$metadata !== undefined || typeof e.code === 'string')) return toOperatorError(err, action);
  return err instanceof Error ? err : new Error(String(err));
}
