/**
 * The spend column's width in `ch`: the longest of the amounts loaded and the column's name, and one more
 * for the letters of a currency code, which are wider than a digit. One width for every row, since each
 * row is a grid of its own and a column sized by its own content would not line up from row to row; and
 * never narrower than the amounts, which a fixed width cut ("IDR 170,963,00", "256 401 500 IDI").
 * Group separators and spaces are narrower than a digit, so a long amount is never underestimated.
 */
export function spendColumnChars(texts: Iterable<string>, minimum = 8): number {
  let longest = minimum;
  for (const text of texts) longest = Math.max(longest, text.length);
  return longest + 1;
}
