import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { CanonicalProduct } from '../canonical.js';
import { amountFactor, emptyOutcome, inStoreCurrency, missingRate, type BatchOutcome, type WriteContext } from './batch-context.js';
import { whereFirstAppeared } from './row-place.js';

type Db = Kysely<Database>;

/**
 * Upserts products by SKU; empty fields keep what is known. Prices are stored
 * in the store currency; one in a currency without a rate is rejected, as orders are.
 */
export async function writeProducts(db: Db, rows: CanonicalProduct[], context: WriteContext): Promise<BatchOutcome> {
  const outcome = emptyOutcome();
  const firstLine = new Map<string, number>();
  const unique: CanonicalProduct[] = [];
  for (const row of rows) {
    const first = firstLine.get(row.sku);
    if (first !== undefined) {
      outcome.rejects.push({
        file: context.file, line: row.line, field: 'sku', code: 'PRODUCT_DUPLICATE_IN_FILE', params: { sku: row.sku, firstLine: first },
        reason: `Duplicate SKU ${row.sku}: it already appeared ${whereFirstAppeared(first, context)}. Keep one row per product.`,
      });
      continue;
    }
    firstLine.set(row.sku, row.line);
    if (row.unitPriceMinor === null) {
      unique.push(row);
      continue;
    }
    const factor = amountFactor(row.currency, context);
    if (factor === null) outcome.rejects.push({ file: context.file, line: row.line, field: 'currency', ...missingRate(row.currency, context.currency) });
    else unique.push({ ...row, unitPriceMinor: inStoreCurrency(row.unitPriceMinor, factor) });
  }
  if (unique.length === 0) return outcome;
  const result = await sql<{ inserted: boolean }>`
    insert into product as p (sku, name, category, unit_price_minor)
    select * from unnest(${unique.map((r) => r.sku)}::text[], ${unique.map((r) => r.name)}::text[], ${unique.map((r) => r.category)}::text[], ${unique.map((r) => r.unitPriceMinor)}::bigint[])
    on conflict (sku) do update set
      name = coalesce(excluded.name, p.name), category = coalesce(excluded.category, p.category),
      unit_price_minor = coalesce(excluded.unit_price_minor, p.unit_price_minor), updated_at = now()
    where (p.name, p.category, p.unit_price_minor) is distinct from
      (coalesce(excluded.name, p.name), coalesce(excluded.category, p.category), coalesce(excluded.unit_price_minor, p.unit_price_minor))
    returning (xmax = 0) as inserted`.execute(db);
  outcome.inserted = result.rows.filter((row) => row.inserted).length;
  outcome.updated = result.rows.length - outcome.inserted;
  outcome.unchanged = unique.length - result.rows.length;
  return outcome;
}
