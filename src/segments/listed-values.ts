/**
 * Values a message lists as the choices there are, separated by commas. Once a value holds a comma
 * of its own (a generated persona name: "young low-spend small-basket, coffee"), every value is
 * quoted, since the plain list would read as more values than there are.
 */
export function listedValues(values: readonly string[]): string {
  return values.some((value) => value.includes(',')) ? values.map((value) => JSON.stringify(value)).join(', ') : values.join(', ');
}
