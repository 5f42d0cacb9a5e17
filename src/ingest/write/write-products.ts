import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { CanonicalProduct, Reject } from '../canonical.js';
import { amountFactor, emptyOutcome, inStoreCurrency, missingRate, type BatchOutcome, type WriteContext } from './batch-context.js';
import { differenceText, productRowDifference } from './repeated-rows.js';
import { whereFirstAppeared } from './row-place.js';

type Db = Kysely<Database>;

/**
 * Upserts products by SKU; empty fields keep what is known. Prices are stored
 * in the store currency; one in a currency without a rate is rejected, as orders are.
 * A SKU repeated in the batch is unchanged when its row repeats the first exactly, else rejected.
 */
export async function writeProducts(db: Db, rows: CanonicalProduct[], context: WriteContext): Promise<BatchOutcome> {
  const outcome = emptyOutcome();
  const firstRow = new Map<string, CanonicalProduct>();
  // rows that repeat an earlier row of the batch exactly, by that row's line: they stand or fall with it
  const repeatsOf = new Map<number, number[]>();
  const unique: CanonicalProduct[] = [];
  const rejectOf = new Map<number, Pick<Reject, 'field' | 'code' | 'params' | 'reason'>>();
  for (const row of rows) {
    const first = firstRow.get(row.sku);
    if (first !== undefined) {
      const difference = productRowDifference(row, first);
      if (difference === null) {
        repeatsOf.set(first.line, [...(repeatsOf.get(first.line) ?? []), row.line]);
        continue;
      }
      const whereFirst = whereFirstAppeared(first.line, context);
      outcome.rejects.push({
        file: context.file, line: row.line, field: 'sku', code: 'PRODUCT_DUPLICATE_IN_FILE', params: { sku: row.sku, firstLine: first.line },
        reason: `Duplicate SKU ${row.sku} ${differenceText(difference, whereFirst)}. Keep one row per product.`,
      });
      continue;
    }
    firstRow.set(row.sku, row);
    if (row.unitPriceMinor === null) {
      unique.push(row);
      continue;
    }
    const factor = amountFactor(row.currency, context);
    if (factor === null) {
      const why = { field: 'currency', ...missingRate(row.currency, context.currency) };
      outcome.rejects.push({ file: context.file, line: row.line, ...why });
      rejectOf.set(row.line, why);
    } else unique.push({ ...row, unitPriceMinor: inStoreCurrency(row.unitPriceMinor, factor) });
  }
  for (const [line, repeats] of repeatsOf) {
    const why = rejectOf.get(line);
    if (why) for (const repeat of repeats) outcome.rejects.push({ file: context.file, line: repeat, ...why });
    else outcome.unchanged += repeats.length;
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
  outcome.unchanged += unique.length - result.rows.length;
  return outcome;
}
