import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { foldAccents } from './name-search.js';

/** Every character of these blocks, one string a block: Latin with diacritics, the combining marks, Greek, Cyrillic, and the Vietnamese letters. */
const blocks = [[0x80, 0x24f], [0x300, 0x36f], [0x370, 0x3ff], [0x400, 0x4ff], [0x1e00, 0x1eff]]
  .map(([first, last]) => Array.from({ length: last - first + 1 }, (_, index) => String.fromCodePoint(first + index)).join(''));

describeEachStore('fold_accents, the database half of accent folding', (context) => {
  it('folds every letter exactly as foldAccents does, so a name matches whichever side held the accent', async () => {
    // plain ASCII, which the database returns at once, and letters that neither side may touch
    const untouched = 'Joko Gunawan #1, O\'Brien-Smith ÆæßÞþ×÷אב王小明€';
    const samples = [...blocks, ...[...blocks.join('')], 'Ja\u0304nis Be\u0304rzin\u0327s\u030c', untouched, 'Jānis Bērziņš', '가각 がぱ'];
    const result = await sql<{ folded: string[] }>`select array(select fold_accents(s) from unnest(${samples}::text[]) with ordinality u(s, n) order by n) as folded`.execute(context.store.db);
    expect(result.rows[0].folded).toEqual(samples.map(foldAccents));
    expect(foldAccents(untouched)).toBe(untouched);
  });

  it('is what the words index is built over, so a folded search reads the index', async () => {
    const plan = await context.store.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      return (await sql<{ 'QUERY PLAN': string }>`explain select customer_id from customer c
        where to_tsvector('simple', name_search_text(coalesce(c.name, ''))) @@ to_tsquery('simple', 'janis:*')`.execute(trx)).rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('customer_name_words_idx');
  });
});
