/**
 * A JSON number as text the row parser reads as that number. Written text with
 * one separator before exactly three digits is a thousands group (Rp 45.000), but
 * a JSON number's dot is always its decimal point: 123.456 is written 123.4560,
 * which no reading takes for thousands. One function for the CLI's JSON Lines
 * reader (record-streams.ts) and the web import's (web/features/import/parse-jsonl.ts).
 */
export function jsonNumberToText(value: number): string {
  const text = String(value);
  return /^-?\d+\.\d{3}$/.test(text) ? `${text}0` : text;
}
