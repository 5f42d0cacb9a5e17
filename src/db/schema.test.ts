import { expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeEachStore } from '../../test/helpers/stores.js';
import { schemaColumns } from './schema-columns.js';

describeEachStore('schema', (context) => {
  it('matches the migrated database table for table and column for column', async () => {
    const result = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = current_schema() order by table_name, ordinal_position`.execute(context.store.db);
    const actual: Record<string, string[]> = {};
    for (const row of result.rows) (actual[row.table_name] ??= []).push(row.column_name);
    const expected = Object.fromEntries(Object.entries(schemaColumns).map(([table, columns]) => [table, [...columns].sort()]));
    const actualSorted = Object.fromEntries(Object.entries(actual).map(([table, columns]) => [table, columns.sort()]));
    expect(actualSorted).toEqual(expected);
  });
});
