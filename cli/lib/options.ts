import { InvalidArgumentError } from 'commander';

/** A commander argument parser for an integer option within [min, max]; commander reports failures. */
export function integerOption(min: number, max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  return (value: string) => {
    if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError(`${JSON.stringify(value)} is not an integer.`);
    const n = Number(value);
    if (n < min || n > max) throw new InvalidArgumentError(`${n} is out of range (${min}-${max}).`);
    return n;
  };
}

/** A commander parser for a decimal number within [min, max]; commander reports failures as usage errors. */
export function numberOption(min: number, max = Number.MAX_VALUE): (value: string) => number {
  return (value: string) => {
    if (!/^\d+(\.\d+)?$/.test(value.trim())) throw new InvalidArgumentError(`${JSON.stringify(value)} is not a non-negative number.`);
    const n = Number(value);
    if (n < min || n > max) throw new InvalidArgumentError(`${n} is out of range (${min}-${max}).`);
    return n;
  };
}

/** Collect a repeatable option into an array. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
