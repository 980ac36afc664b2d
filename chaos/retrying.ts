/**
 * The campaign's own AWS calls (owners, out-of-band drift) retry until they get through: the faults and
 * throttles are aimed at the operator, and an owner whose click failed simply clicks again.
 */
const DONE_ANYWAY = /NotFound|Duplicate/;

export async function retrying<T>(call: () => Promise<T>, attempts = 12): Promise<T | undefined> {
  for (let i = 1; ; i += 1) {
    try {
      return await call();
    } catch (err) {
      const name = (err as Error).name ?? '';
      // Drift aimed at something already gone (or already there): nothing to do.
      if (DONE_ANYWAY.test(name)) return undefined;
      if (i >= attempts) throw err;
      await new Promise((r) => setTimeout(r, Math.min(2000, 50 * 2 ** i)));
    }
  }
}
