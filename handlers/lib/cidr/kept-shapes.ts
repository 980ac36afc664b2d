/**
 * Why the engine keeps a few small objects for the life of the process.
 *
 * V8 compiles a hot loop for the object shapes ("maps") it saw there, and keeps what it saw (type
 * feedback) only while some object of each shape is alive. When a count ends, every engine object
 * dies, the next full garbage collection drops their shapes, and V8 throws away both that feedback
 * and the code compiled from it. Every later count in the same process — a warm Lambda's next
 * DetectOverlaps, the benchmark's repeated runs — then ran its hot loops unoptimized until V8 had
 * learned them again, and compiled them again on a second core: on 100k VPCs at the CIDR quota,
 * 20–30% of a warm count's time and a third of its CPU, with the same 8–15 deoptimizations in
 * every run (node --trace-deopt).
 *
 * So the first large count in a process (WARM_UP_FROM_VPCS, overlaps.ts) is preceded by a count of
 * a tiny fleet through each path that has classes of its own (engine-warm-up.ts), and the first
 * object of each engine class made meanwhile is kept (each engine class's constructor calls
 * keepShape): under a megabyte (32 KB of arrays), and every shape a count makes stays alive.
 * Objects made later are not kept; their data goes when the caller lets it go. The warm-up also
 * gives V8 feedback for every path before the large count, so even that first, cold count
 * deoptimizes less (a cold `egress overlaps` of 100k VPCs at the quota: 46 bailouts, 24–32 after).
 */
const kept: object[] = [];
let keeping = false;
let done = false;

/** Called by each engine class's constructor: the first object of each class made while keepShapesOnce runs is kept. */
export function keepShape(instance: object): void {
  if (keeping && !kept.some((o) => o.constructor === instance.constructor)) kept.push(instance);
}

/** Runs `warmUp` the first time it is called in this process, keeping the first engine object of each class it makes. */
export function keepShapesOnce(warmUp: () => void): void {
  if (done) return;
  done = true;
  keeping = true;
  try {
    warmUp();
  } finally {
    keeping = false;
  }
}

/** The objects kept so far (for tests: one of each engine class, after the first large count). */
export function keptObjects(): readonly object[] {
  return kept;
}
