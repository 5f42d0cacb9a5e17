/**
 * Identifiers derived from a person's index alone, so every person can be
 * generated independently and none collides with another's. The affine maps
 * use multipliers coprime to the power of ten, which makes them permutations.
 */

export function customerIdOf(index: number): string {
  return `C${String(index + 1).padStart(7, '0')}`;
}

/** A second customers.csv row for the same person (a web sign-up made before anyone matched it to the till). */
export function duplicateCustomerIdOf(index: number): string {
  return `${customerIdOf(index)}W`;
}

export function orderIdOf(index: number, sequence: number): string {
  return `O${index + 1}-${sequence}`;
}

export function eventIdOf(index: number, sequence: number): string {
  return `E${index + 1}-${sequence}`;
}

export function loyaltyCardOf(index: number): string {
  return `LC${String((index * 7_654_321 + 1_357) % 10_000_000_000).padStart(10, '0')}`;
}

export function webAccountOf(index: number): string {
  return `WA${String((index * 2_718_281 + 99) % 1_000_000_000).padStart(9, '0')}`;
}

/** The smallest power of ten that leaves room for ten times the people, so tokens look unsequenced. */
export function tokenSpaceFor(peopleCount: number): number {
  let space = 10_000;
  while (space < peopleCount * 10) space *= 10;
  return space;
}

/** A number unique per person below `space`, used as email suffix. */
export function emailTokenOf(index: number, space: number): number {
  return (index * 7_654_321 + 4_242) % space;
}
