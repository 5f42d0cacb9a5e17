import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/cli.js';

// The real binary: a --date-format of Luxon's locale shorthands (D reads 02/01/2024 as 1 February) or of
// letters that are no token (foo, which then rejected every row) is refused before the first row.

const directory = mkdtempSync(join(tmpdir(), 'clientele-date-shorthand-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('clientele import --date-format with a locale shorthand', () => {
  it('refuses D and foo with IMPORT_DATE_FORMAT_INVALID, naming the format to write instead, and imports nothing', { timeout: 120_000 }, async () => {
    const file = join(directory, 'orders.csv');
    writeFileSync(file, 'order_id,customer_id,ordered_at,amount\nA1,C1,02/01/2024,10.00\n');
    const store = join(directory, 'store');
    const refused = await runCli(['--db', store, '--json', 'import', 'orders', file, '--date-format', 'D']);
    expect(refused.code, refused.stderr).toBe(1);
    const body = JSON.parse(refused.stdout) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('IMPORT_DATE_FORMAT_INVALID');
    expect(body.error.message).toMatch(/^The date format "D" uses D, a locale shorthand that reads dates in US order \(the month first\).*tokens such as dd\/MM\/yyyy/);
    const foo = await runCli(['--db', store, 'import', 'orders', file, '--date-format', 'foo']);
    expect(foo.code, foo.stderr).toBe(1);
    expect(foo.stderr).toContain('IMPORT_DATE_FORMAT_INVALID');
    const listed = await runCli(['--db', store, '--json', 'customers', 'list']);
    expect(JSON.parse(listed.stdout)).toMatchObject({ items: [] });
  });
});
