/**
 * The customer types, in order of precedence: a customer's primary type is the
 * first of their types in this list (the one that most needs action), and their
 * explanation lists every type in this order.
 */
export const customerTypesByPrecedence = [
  'at_risk',
  'lapsed',
  'vip',
  'new',
  'regular',
  'loyal',
  'occasional',
  'one_time',
  'lead',
  'consumer',
] as const;

export type CustomerType = (typeof customerTypesByPrecedence)[number];

export function isCustomerType(value: string): value is CustomerType {
  return (customerTypesByPrecedence as readonly string[]).includes(value);
}

/** In precedence order; names that are not a known type (from a stored row) go last. */
export function sortByPrecedence<T extends string>(types: readonly T[]): T[] {
  const rank = (type: string) => (isCustomerType(type) ? customerTypesByPrecedence.indexOf(type) : customerTypesByPrecedence.length);
  return [...types].sort((a, b) => rank(a) - rank(b));
}

/** Small numbers as people read them: 21, 10.5, 8.75. */
export function formatDecimal(value: number): string {
  return String(Math.round(value * 100) / 100);
}
