import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeMigrationFromBefore } from '../../test/helpers/migrated-before.js';
import { moneyFormatOf } from './money-format.js';
import { typeReason, typesExplanation } from './type-reasons.js';

const dropsSentences = '202612020600_type_reasons_on_read.sql';
const rupiah = moneyFormatOf('IDR', 'id');

/**
 * A store migrated up to just before the sentences were dropped, holding rows written then, migrated the rest of the way.
 */
describeMigrationFromBefore('migration 202612020600: sentences made on read', dropsSentences, async (db) => {
  const vipByFrequency = { windowDays: 365, windowRevenueMinor: 4_310_000, windowPurchaseDays: 12, topPercent: 5, revenueCutoffMinor: 2_000_000, frequencyCutoff: 10 };
  const lapsed = { pAlive: 0.05, lastPurchaseDay: '2025-11-02' };
  const sentences = {
    vip: 'VIP: 12 purchase days in the last 365 days, within the top 5% of real customers (cut-off 10)',
    lapsed: 'Lapsed: probability of still being a customer 5% (below 25%)',
  };
  await sql`insert into customer (customer_id, name) values (1, 'A'), (2, 'B')`.execute(db);
  await sql`insert into customer_type (customer_id, types, primary_type, explanation, reasons, numbers, as_of) values
    (1, array['vip'], 'vip', ${sentences.vip}, ${JSON.stringify({ vip: sentences.vip })}, ${JSON.stringify({ vip: vipByFrequency })}, now()),
    (2, array['lapsed'], 'lapsed', ${sentences.lapsed}, ${JSON.stringify({ lapsed: sentences.lapsed })}, ${JSON.stringify({ lapsed })}, now())`.execute(db);
  await sql`insert into customer_type_history (customer_id, type, entered_at, reason, numbers) values
    (1, 'vip', now(), ${sentences.vip}, ${JSON.stringify(vipByFrequency)}), (2, 'lapsed', now(), ${sentences.lapsed}, ${JSON.stringify(lapsed)})`.execute(db);
}, (context) => {
  it('keeps in the numbers what only the sentences said, so rows written before read as they did', async () => {
    const types = await sql<{ customer_id: number; types: string[]; numbers: Record<string, unknown> }>`
      select customer_id, types, numbers from customer_type order by customer_id`.execute(context.store.db);
    expect(typesExplanation(types.rows[0].types, types.rows[0].numbers, rupiah)).toBe('VIP: 12 purchase days in the last 365 days, within the top 5% of real customers (cut-off 10)');
    // worded as of now (P(alive) named as the prediction card names it), with the threshold only the old sentence held
    expect(typesExplanation(types.rows[1].types, types.rows[1].numbers, rupiah)).toBe('Lapsed: chance still active 5% (below 25%)');
    const spells = await sql<{ type: string; numbers: unknown }>`select type, numbers from customer_type_history order by customer_id`.execute(context.store.db);
    expect(spells.rows.map((spell) => typeReason(spell.type, spell.numbers, rupiah))).toEqual([
      'VIP: 12 purchase days in the last 365 days, within the top 5% of real customers (cut-off 10)',
      'Lapsed: chance still active 5% (below 25%)',
    ]);
    const columns = await sql<{ column_name: string }>`
      select column_name from information_schema.columns where table_schema = current_schema() and table_name in ('customer_type', 'customer_type_history') and column_name in ('explanation', 'reasons', 'reason')`.execute(context.store.db);
    expect(columns.rows).toEqual([]);
  });
});
