import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';

describeEachStore('name_search_text, what the words index holds of a name', (context) => {
  it('is inlined into the statement that calls it: a search rechecks it on every matching row, and a call through the SQL-function executor cost 5-8x', async () => {
    const plan = (await sql<{ 'QUERY PLAN': string }>`explain verbose select name_search_text(name) from customer`.execute(context.store.db)).rows
      .map((row) => row['QUERY PLAN']).join('\n');
    expect(plan).toContain('regexp_replace');
    expect(plan).not.toContain('name_search_text(');
  });

  it('gives the same value as before it was inlined, NULL included', async () => {
    const samples = ["John O'Brien", 'Jon OBrien', 'Mary-Jane Ōta', 'Ēriks Bērziņš', 'Budi', '', null];
    const result = await sql<{ value: string | null }>`select name_search_text(s) as value from unnest(${samples}::text[]) with ordinality u(s, n) order by n`.execute(context.store.db);
    expect(result.rows.map((row) => row.value)).toEqual(["John O Brien John OBrien", 'Jon OBrien', 'Mary Jane Ota Mary-Jane Ota', 'Eriks Berzins', 'Budi', '', null]);
  });
});
