/**
 * Eventual consistency for the local cloud, switchable and seeded (docs/local-cloud.md#eventual-consistency).
 *
 * AWS documents that EC2 reads lag writes: "if you run a command to modify or describe the resource
 * that you just created, its ID might not have propagated throughout the system, and you will get an
 * error responding that the resource does not exist"
 * (https://docs.aws.amazon.com/ec2/latest/devguide/eventual-consistency.html). This module decides
 * *how long* each effect lasts; local/ec2/consistency-view.ts applies the decisions to what EC2 reads.
 *
 * Every random draw comes from one PRNG seeded with `seed`, in request order, so a failing run can
 * be replayed with the same seed (given the same sequence of requests).
 */
import { mulberry32 } from './random';

export interface ConsistencyOptions {
  /** PRNG seed (printed by `npm start -- --eventual-consistency`, recorded in /_local/stats). */
  seed: number;
  /** Chance that a new resource is invisible to Describe for a while after its create (default 0.5). */
  notFoundChance?: number;
  /** Longest such window, ms (default 1500). */
  notFoundMaxMs?: number;
  /** Chance that a tag write shows late (default 0.5). */
  tagLagChance?: number;
  /** Longest tag lag, ms (default 1500). */
  tagLagMaxMs?: number;
  /** A new VPC is `pending` for a random time up to this, ms (default 1000). */
  vpcPendingMaxMs?: number;
  /** How long a deleted endpoint stays listed as `Deleted` after it finished deleting, ms (default 60000). */
  deletedLingerMs?: number;
}

export type ConsistencySettings = Required<ConsistencyOptions>;

export const CONSISTENCY_DEFAULTS: Omit<ConsistencySettings, 'seed'> = {
  notFoundChance: 0.5,
  notFoundMaxMs: 1500,
  tagLagChance: 0.5,
  tagLagMaxMs: 1500,
  vpcPendingMaxMs: 1000,
  deletedLingerMs: 60_000,
};

/** A fresh seed when none is given (the caller prints it so the run can be replayed). */
export function newSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}

/** Parses `--eventual-consistency[=SEED]` / an env value: 'true'/'' → new seed, digits → that seed. */
export function parseSeed(text: string | undefined): number | undefined {
  if (text === undefined || text === 'false' || text === '0' || text === 'off') return undefined;
  if (text === '' || text === 'true' || text === 'on') return newSeed();
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new Error(`eventual consistency seed must be a non-negative integer, got '${text}'`);
  return n;
}

export class EventualConsistency {
  readonly settings: ConsistencySettings;
  private readonly random: () => number;
  /** Number of draws so far (shown in stats: with the seed, it says where a run diverged). */
  draws = 0;

  constructor(options: ConsistencyOptions) {
    this.settings = { ...CONSISTENCY_DEFAULTS, ...options };
    this.random = mulberry32(options.seed);
  }

  get seed(): number {
    return this.settings.seed;
  }

  private draw(): number {
    this.draws++;
    return this.random();
  }

  /** How long a just-created resource stays invisible (0 = visible at once). */
  invisibleForMs(): number {
    const { notFoundChance, notFoundMaxMs } = this.settings;
    return this.draw() < notFoundChance ? Math.round(this.draw() * notFoundMaxMs) : 0;
  }

  /** How long a tag write stays unseen (0 = seen at once). */
  tagLagMs(): number {
    const { tagLagChance, tagLagMaxMs } = this.settings;
    return this.draw() < tagLagChance ? Math.round(this.draw() * tagLagMaxMs) : 0;
  }

  /** How long a new VPC reports `pending`. */
  vpcPendingMs(): number {
    return Math.round(this.draw() * this.settings.vpcPendingMaxMs);
  }
}

/** What `LocalCloudOptions.eventualConsistency` accepts: off, on with a new seed, a seed, or full options. */
export type ConsistencyOption = boolean | number | ConsistencyOptions | undefined;

/** The environment variable that switches eventual consistency on when the option is not given. */
export const CONSISTENCY_ENV = 'LOCAL_EVENTUAL_CONSISTENCY';

/** The controller for an option (falling back to `LOCAL_EVENTUAL_CONSISTENCY=SEED|true`), or undefined when off. */
export function consistencyFor(option: ConsistencyOption, env: NodeJS.ProcessEnv = process.env): EventualConsistency | undefined {
  if (option === undefined) {
    const seed = parseSeed(env[CONSISTENCY_ENV]);
    return seed === undefined ? undefined : new EventualConsistency({ seed });
  }
  if (option === false) return undefined;
  if (option === true) return new EventualConsistency({ seed: newSeed() });
  if (typeof option === 'number') return new EventualConsistency({ seed: option });
  return new EventualConsistency(option);
}
