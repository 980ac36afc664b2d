/**
 * The adapter for the fleet sweep's Lambdas (they act on many VPCs, so handlers/lib/step.ts, which is
 * keyed by one VPC, does not fit): validate the input, key the logs by execution, and let failures
 * leave as named errors for the ASL Retry.
 */
import type { z } from 'zod';
import { isAwsError, toOperatorError } from '../aws/call';
import { InvalidSpec, OperatorError } from '../errors';
import { logger } from '../logger';

export function fleetTask<S extends z.ZodType, O>(name: string, schema: S, run: (input: z.infer<S>) => Promise<O>) {
  return async (event: unknown): Promise<O> => {
    const parsed = schema.safeParse(event);
    if (!parsed.success) {
      throw new InvalidSpec(`${name}: malformed task input: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
    }
    logger.appendKeys({ step: name, execution: (parsed.data as { execution?: string }).execution });
    try {
      return await run(parsed.data);
    } catch (err) {
      const named = err instanceof OperatorError || !isAwsError(err) ? err : toOperatorError(err, name);
      logger.warn(`${name} failed`, { error: (named as Error).name, message: (named as Error).message });
      throw named;
    } finally {
      logger.resetKeys();
    }
  };
}
