/**
 * A function with reserved concurrency, invoked asynchronously (EventBridge → the tag-event dispatcher):
 * at most `limit` invocations run at once and the rest wait in Lambda's event queue, in arrival order —
 * throttled asynchronous invocations are returned to the queue and retried, not failed
 * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html). A waiting event
 * is not counted as throttled: it has not been refused to anyone.
 */
export class AsyncInvokeQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private maxQueued = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`reserved concurrency must be a positive integer, got ${limit}`);
  }

  async run<T>(invoke: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) {
      await new Promise<void>((resolve) => { this.waiting.push(resolve); this.maxQueued = Math.max(this.maxQueued, this.waiting.length); });
    } else {
      this.running += 1;
    }
    try {
      return await invoke();
    } finally {
      const next = this.waiting.shift();
      if (next) next(); // the slot passes straight to the oldest waiting event
      else this.running -= 1;
    }
  }

  /** Invocations running now, events waiting now, and the longest the queue has been. */
  get load(): { running: number; queued: number; maxQueued: number } {
    return { running: this.running, queued: this.waiting.length, maxQueued: this.maxQueued };
  }
}
