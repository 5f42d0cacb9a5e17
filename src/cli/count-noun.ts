/**
 * A count with its noun in English, singular for exactly one: "1 customer", "23,570 customers",
 * "0 rows". The plural is the noun with an "s" unless given ("1 customer overdue", "2 customers overdue").
 */
export function countNoun(count: number, one: string, other = `${one}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : other}`;
}
