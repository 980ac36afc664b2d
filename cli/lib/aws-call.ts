/** Run an AWS call; any failure becomes a one-line CliError with the exit code describeAwsFailure picks. */
import { describeAwsFailure } from './aws-failures';
import { CliError } from './errors';

export async function callAws<T>(operation: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof CliError) throw err;
    const failure = describeAwsFailure(err, operation);
    throw new CliError(failure.message, failure.exitCode);
  }
}
