/**
 * A value of a closed list (customer types, RFM segment names, channels…) as the list spells it,
 * matched regardless of letter case, or null when the list does not hold it. The one rule for every
 * surface that takes such a value: "VIP" is vip and "champions" is Champions, while a value the list
 * does not hold is refused rather than searched for (it could only ever find no one).
 */
export function spellingInList<T extends string>(list: readonly T[], value: string): T | null {
  const wanted = value.toLowerCase();
  return list.find((item) => item.toLowerCase() === wanted) ?? null;
}
