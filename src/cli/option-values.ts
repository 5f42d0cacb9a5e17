import { InvalidArgumentError } from 'commander';

/**
 * A commander parser for a whole number from `min` to `max`, refusing anything else as a usage error
 * (exit 1). Its reason says what the option takes; usage-errors.ts names the option and the value.
 */
export function wholeNumberIn(min: number, max: number, example: string): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || number < min || number > max) {
      throw new InvalidArgumentError(`a whole number from ${min.toLocaleString('en')} to ${max.toLocaleString('en')}, e.g. ${example}`);
    }
    return number;
  };
}

/** A commander parser for a number from `min` to `max`. */
export function numberIn(min: number, max: number, example: string): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (value.trim() === '' || !Number.isFinite(number) || number < min || number > max) throw new InvalidArgumentError(`a number from ${min} to ${max}, e.g. ${example}`);
    return number;
  };
}

/**
 * A commander parser for an id: a positive whole number. Refused as the other
 * CLI argument errors are (CLI_ARGUMENT_INVALID, exit 1; a JSON error with --json), naming the
 * option or positional (usage-errors.ts).
 */
export function idOf(what: string): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number) || number < 1) {
      throw new InvalidArgumentError(`${what} (a positive whole number)`);
    }
    return number;
  };
}
