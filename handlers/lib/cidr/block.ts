import { ADDRESS_BITS, Family, formatAddress, parseIpv4, parseIpv6 } from './address';

/** One CIDR block as an inclusive address range. */
export class CidrBlock {
  private canonical?: string;
  constructor(
    readonly family: Family,
    readonly prefix: number,
    readonly start: bigint,
    readonly end: bigint,
    /** The text as written, when known to be canonical already (strictly parsed IPv4). */
    written?: string,
  ) {
    this.canonical = written;
  }

  /** Canonical text (RFC 5952 for IPv6), computed on first use: fleets hold many unprinted /56s. */
  get text(): string {
    return (this.canonical ??= `${formatAddress(this.family, this.start)}/${this.prefix}`);
  }

  /** Cheap identity: equal for the same block however it was spelled. */
  get key(): string {
    return this.family === 4 ? this.text : `${this.start.toString(16)}/${this.prefix}`;
  }
}

/** A value that is not a valid network CIDR. `value` is the offending text, `problem` says why. */
export class InvalidCidrError extends Error {
  readonly name = 'InvalidCidrError';
  constructor(readonly value: string, readonly problem: string) {
    super(`${JSON.stringify(value)} ${problem}`);
  }
}

const PREFIX = /^(0|[1-9][0-9]{0,2})$/;

/**
 * Strictly parse `a.b.c.d/n` or `x:y::z/n`. A prefix is required, and host bits must be zero:
 * AWS never reports `10.0.0.1/16`, so such input is a typo we refuse rather than silently mask.
 */
export function parseCidr(value: string): CidrBlock {
  if (typeof value !== 'string') throw new InvalidCidrError(String(value), 'is not a CIDR (not a string)');
  const slash = value.indexOf('/');
  if (slash < 0) throw new InvalidCidrError(value, 'is not a CIDR (missing /prefix)');
  const addressText = value.slice(0, slash);
  const prefixText = value.slice(slash + 1);
  const family: Family = addressText.includes(':') ? 6 : 4;
  const address = family === 4 ? parseIpv4(addressText) : parseIpv6(addressText);
  if (address === undefined) throw new InvalidCidrError(value, `is not a CIDR (bad IPv${family} address)`);
  const bits = ADDRESS_BITS[family];
  if (!PREFIX.test(prefixText)) throw new InvalidCidrError(value, 'is not a CIDR (bad prefix length)');
  const prefix = Number(prefixText);
  if (prefix > bits) throw new InvalidCidrError(value, `has prefix /${prefix} out of range for IPv${family} (0-${bits})`);
  if (family === 4) {
    // IPv4 fast path in plain numbers (exact below 2^53); BigInt only for the stored range.
    const size = 2 ** (32 - prefix);
    const v4 = address as number;
    if (v4 % size === 0) return new CidrBlock(4, prefix, BigInt(v4), BigInt(v4 + size - 1), value);
  }
  return blockFrom(family, BigInt(address), prefix, value);
}

/** Build a block from its network address; throws when host bits are set. */
export function blockFrom(family: Family, start: bigint, prefix: number, original?: string): CidrBlock {
  const hostBits = BigInt(ADDRESS_BITS[family] - prefix);
  const hostMask = (1n << hostBits) - 1n;
  if ((start & hostMask) !== 0n) {
    const network = `${formatAddress(family, start & ~hostMask)}/${prefix}`;
    throw new InvalidCidrError(original ?? `${formatAddress(family, start)}/${prefix}`, `has host bits set (network is ${network})`);
  }
  // IPv4 text that passed the strict parser is already canonical; IPv6 may be spelled many ways.
  return new CidrBlock(family, prefix, start, start | hostMask, family === 4 ? original : undefined);
}

/** Blocks are laminar: they intersect exactly when one contains the other. */
export function blocksOverlap(a: CidrBlock, b: CidrBlock): boolean {
  return a.family === b.family && a.start <= b.end && b.start <= a.end;
}

/** Sort order of the sweep: address, then larger block (shorter prefix) first. */
export function compareBlocks(a: CidrBlock, b: CidrBlock): number {
  if (a.family !== b.family) return a.family - b.family;
  if (a.start !== b.start) return a.start < b.start ? -1 : 1;
  return a.prefix - b.prefix;
}
