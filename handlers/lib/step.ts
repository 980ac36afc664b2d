/**
 * The thin adapter every workflow Lambda shares: validate the whole task input against the workflow
 * state's schema, key the logs by VPC and execution, run the step, and let failures leave as named
 * errors for the ASL Retry/Catch (docs/design.md#errors).
 */
import { isAwsError, toOperatorError } from './aws/call';
import { InvalidSpec, OperatorError } from './errors';
import { logger } from './logger';
import { taskInputSchema, type TaskInput } from './workflow-state';

export function step<O>(name: string, run: (input: TaskInput) => Promise<O>): (event: unknown) => Promise<O> {
  return async (event: unknown) => {
    const parsed = taskInputSchema.safeParse(event);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`);
      logger.error(`${name}: malformed task input`, { issues });
      throw new InvalidSpec(`malformed task input: ${issues[0] ?? 'unknown'}`);
    }
    const input = parsed.data;
    logger.appendKeys({ step: name, vpcId: input.state.vpcId, execution: input.execution });
    try {
      const result = await run(input);
      logger.info(`${name} done`, { result: result as Record<string, unknown> });
      return result;
    } catch (err) {
      // AWS errors become operator errors; programming errors keep their own name (they are bugs to see).
      const named = err instanceof OperatorError ? err
        : isAwsError(err) ? toOperatorError(err, name) : err instanceof Error ? err : new Error(String(err));
      logger.warn(`${name} failed`, { error: named.name, detail: named.message });
      throw named;
    } finally {
      logger.resetKeys();
    }
  };
}
