import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/schema.js';
import { isRunAlive } from '../import-runs.repo.js';
import { valuesOfRow } from '../rows/row-parser.js';
import type { WriteContext } from './batch-context.js';
import type { OrderGroup } from './group-orders.js';
import type { RecordValues } from '../presets/preset.js';
import { digestsOfBatch } from './row-text-digest.js';

type Db = Kysely<Database>;

/**
 * What an orders import remembers of the text of its whole-order rows (import_order_text): the
 * digest of each batch's first row of every order, by line, for a later batch's repeat of an order
 * the row stored (earlier-batch-repeats.ts reads it by the order's import_line). Written in the batch's
 * transaction, so a killed import's memory matches what it committed.
 */

/**
 * Remembers the digests of a batch's whole-order rows, whatever becomes of their orders: only the
 * line of a row that stored its order is ever looked up. One statement and one row per batch. Not for
 * an API batch sent without its file's lines: its items' places repeat from batch to batch, so a
 * repeat there is judged by the stored order alone.
 */
export async function rememberOrderRowTexts(db: Db, context: Pick<WriteContext, 'importId' | 'linesOf'>, groups: readonly OrderGroup[]): Promise<void> {
  if (context.linesOf !== 'file') return;
  const lines: number[] = [];
  const rows: RecordValues[] = [];
  for (const group of groups) {
    const values = group.hasLines ? undefined : valuesOfRow.get(group.order);
    if (values === undefined) continue;
    lines.push(group.order.line);
    rows.push(values);
  }
  if (lines.length === 0) return;
  const { width, digests } = digestsOfBatch(rows);
  await sql`
    insert into import_order_text (import_id, first_line, lines, digest_width, text_digests)
    values (${context.importId}::bigint, ${lines.reduce((least, line) => Math.min(least, line))}::int, ${lines}::int[], ${width}::int, ${digests}::bytea)
    on conflict (import_id, first_line) do update set lines = excluded.lines, digest_width = excluded.digest_width, text_digests = excluded.text_digests`.execute(db);
}

/**
 * The remembered digest of the rows on `lines` of an import, as a relation (line, text_digest): each
 * batch's row holding one of them is found by an index probe and its lines read once, however many
 * it holds; a digest is a slice of the batch's, read without reading the rest.
 */
export function rememberedTextsOf(importId: number, lines: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`(
    select d.line, substring(m.text_digests from ((d.position - 1) * m.digest_width + 1)::int for m.digest_width) as text_digest
    from import_order_text m
    join (select distinct (
      select c.first_line from import_order_text c where c.import_id = ${importId}::bigint and c.first_line <= w.line order by c.first_line desc limit 1
    ) as first_line from ${lines} as w(line)) as needed on needed.first_line = m.first_line
    cross join unnest(m.lines) with ordinality as d(line, position)
    where m.import_id = ${importId}::bigint)`;
}

/** Deletes what an import remembered of its orders' rows; called when the import ends, however it ends. */
export async function forgetOrderRows(db: Db, importId: number): Promise<void> {
  await sql`delete from import_order_text where import_id = ${importId}::bigint`.execute(db);
}

/** Deletes what imports no longer running remembered (see forgetAbandonedCustomerFiles). */
export async function forgetAbandonedOrderRows(db: Db): Promise<void> {
  await sql`delete from import_order_text m where not exists (select 1 from import_run run where run.import_id = m.import_id and ${isRunAlive('run')})`.execute(db);
}
