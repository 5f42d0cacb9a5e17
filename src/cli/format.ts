/** Small helpers for human-readable CLI output. */
export function table(rows: Array<Record<string, unknown>>, columns?: string[]): string {
  if (rows.length === 0) return '(none)';
  const keys = columns ?? Object.keys(rows[0]);
  const cell = (value: unknown) => (value === null || value === undefined ? '' : value instanceof Date ? value.toISOString().slice(0, 16).replace('T', ' ')
    : typeof value === 'number' && !Number.isInteger(value) ? String(Number(value.toPrecision(6))) : String(value));
  const widths = keys.map((key) => Math.min(60, Math.max(key.length, ...rows.map((row) => cell(row[key]).length))));
  const line = (values: string[]) => values.map((value, index) => value.slice(0, 60).padEnd(widths[index])).join('  ').trimEnd();
  return [line(keys), line(widths.map((width) => '-'.repeat(width))), ...rows.map((row) => line(keys.map((key) => cell(row[key]))))].join('\n');
}

export function keyValues(entries: Record<string, unknown>): string {
  const width = Math.max(...Object.keys(entries).map((key) => key.length));
  return Object.entries(entries).map(([key, value]) => `${key.padEnd(width)}  ${value instanceof Date ? value.toISOString() : value ?? ''}`).join('\n');
}
