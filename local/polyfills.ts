// aws-local-stepfunctions 3.x calls Promise.withResolvers (Node >= 22). Node 20 lacks it, so we add
// the standard behaviour here, only when missing. Lambda (Node 22+) never loads this file.
if (typeof (Promise as unknown as { withResolvers?: unknown }).withResolvers !== 'function') {
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value: function withResolvers<T>() {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
      return { promise, resolve, reject };
    },
  });
}
export {};
