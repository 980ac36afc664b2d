/**
 * Following an execution until it closes: poll its history every `pollMs`, report progress through
 * `onProgress`, and stop on close, on timeout, or on SIGINT (the execution itself keeps running).
 */
import type { AwsClients } from './aws-clients';
import { toRun, type ExecutionRun } from './history-visits';
import { progressOf, type Progress } from './reconcile-progress';
import { describeExecution, executionHistory } from './sfn-queries';

export interface FollowResult {
  run: ExecutionRun;
  /** DescribeExecution's status at the end (authoritative over the history). */
  status: string;
  error?: string;
  cause?: string;
  ended: 'closed' | 'timeout' | 'interrupted';
}

export interface FollowOptions {
  pollMs: number;
  timeoutMs: number;
  onProgress(p: Progress): void;
}

const sleep = (ms: number, cancel: Promise<void>) => {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([cancel, new Promise<void>((r) => { timer = setTimeout(r, ms); })]).finally(() => clearTimeout(timer));
};

export async function followExecution(clients: AwsClients, arn: string, opts: FollowOptions): Promise<FollowResult> {
  let interrupted = false;
  let cancel: () => void = () => {};
  const cancelled = new Promise<void>((r) => { cancel = r; });
  const onSigint = () => { interrupted = true; cancel(); };
  process.once('SIGINT', onSigint);
  const deadline = Date.now() + opts.timeoutMs;
  try {
    for (;;) {
      const run = toRun(await executionHistory(clients, arn));
      opts.onProgress(progressOf(run, Date.now()));
      if (run.status !== 'RUNNING' || interrupted || Date.now() > deadline) {
        const d = await describeExecution(clients, arn);
        const status = d?.status ?? run.status;
        if (status !== 'RUNNING' || interrupted || Date.now() > deadline) {
          return { run, status, error: d?.error ?? run.error, cause: d?.cause ?? run.cause, ended: status !== 'RUNNING' ? 'closed' : interrupted ? 'interrupted' : 'timeout' };
        }
      }
      await sleep(opts.pollMs, cancelled);
    }
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}
