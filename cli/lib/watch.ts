/**
 * `--watch`: render, wait, render again until SIGINT (then resolve, so the command exits 0). On a TTY
 * each block replaces the last (cursor home + clear); into a pipe or file blocks follow each other.
 */
export interface WatchOptions {
  intervalMs: number;
  out?: NodeJS.WriteStream;
  /** Blank line between blocks outside a TTY (default true; false for JSON Lines). */
  separate?: boolean;
  /** Stop after this many renders (tests); default: until SIGINT. */
  maxRenders?: number;
}

const CLEAR = '\u001b[H\u001b[2J';

export async function watchLoop(render: () => Promise<string>, opts: WatchOptions): Promise<void> {
  const out = opts.out ?? process.stdout;
  let stop: () => void = () => {};
  const stopped = new Promise<void>((resolve) => { stop = resolve; });
  let interrupted = false;
  const onSigint = () => { interrupted = true; stop(); };
  process.once('SIGINT', onSigint);
  try {
    for (let n = 0; !interrupted && (opts.maxRenders === undefined || n < opts.maxRenders); n++) {
      const block = await render();
      if (interrupted) break;
      out.write(out.isTTY ? `${CLEAR}${block}\n` : `${n > 0 && opts.separate !== false ? '\n' : ''}${block}\n`);
      if (opts.maxRenders !== undefined && n + 1 >= opts.maxRenders) break;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([stopped, new Promise<void>((r) => { timer = setTimeout(r, opts.intervalMs); })]);
      clearTimeout(timer);
    }
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}
