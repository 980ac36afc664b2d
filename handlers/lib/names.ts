/**
 * Deterministic Step Functions execution names (docs/design.md#workflows): the same change always yields the same
 * name, so a repeated event starts nothing new. Names are ≤80 chars of [0-9A-Za-z_-].
 */
const NAME_MAX = 80;

/** A VPC ID as EC2 issues them: `vpc-` and 8 or 17 hex digits. */
export const VPC_ID = /^vpc-[0-9a-f]{8}([0-9a-f]{9})?$/;

export type Trigger = 'tag-event' | 'sweep' | 'cli';

const TRIGGER_MARK: Record<Trigger, string> = { 'tag-event': 't', sweep: 's', cli: 'c' };

/**
 * `<vpc-id>-<generation>-<mark><discriminator>`: for a tag event the discriminator is the event's
 * tag-set version; for the sweep and the CLI it is a time bucket.
 */
export function executionName(vpcId: string, generation: string, trigger: Trigger, discriminator: string | number): string {
  return sanitize(`${vpcId}-${generation}-${TRIGGER_MARK[trigger]}${discriminator}`);
}

function sanitize(name: string): string {
  return name.replace(/[^0-9A-Za-z_-]/g, '_').slice(0, NAME_MAX);
}

/** The trigger encoded in an execution name made by executionName (for the CLI's views). */
export function triggerOf(name: string): Trigger | 'unknown' {
  const m = /^vpc-[0-9a-f]+-[0-9a-f]{10}-([tsc])/.exec(name);
  if (!m) return 'unknown';
  return ({ t: 'tag-event', s: 'sweep', c: 'cli' } as const)[m[1] as 't' | 's' | 'c'];
}

/** The spec generation an execution name was made for (by executionName), if it was. */
export function generationOfExecution(name: string): string | undefined {
  return /^vpc-[0-9a-f]+-([0-9a-f]{10})-[tsc]/.exec(name)?.[1];
}

/** The VPC an execution name belongs to, if it was made by executionName. */
export function vpcOfExecution(name: string): string | undefined {
  return /^(vpc-[0-9a-f]+)-/.exec(name)?.[1];
}
