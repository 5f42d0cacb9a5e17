/**
 * `clientele <words>` as the CLI suggests it to a reader who gave `--db <db>` (src/cli/store-command.ts):
 * a test store's directory as it is, a server store's URL (its `?options=…`) in single quotes for the shell.
 */
export function suggestedCommand(db: string, words: string): string {
  return `clientele --db ${/^[\w.,:+@%/=-]+$/.test(db) ? db : `'${db}'`} ${words}`;
}
