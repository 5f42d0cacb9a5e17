import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/schema.js';
import { valuesOfRow } from '../rows/row-parser.js';
import type { WriteContext } from './batch-context.js';
import type { OrderGroup } from './group-orders.js';
import type { RecordValues } from '../presets/preset.js';
import { digestsOfBatch } from './row-text-digest.js';
import { orderRowText } from './repeated-rows.js';

type Db = Kysely<Database>;

/**
 * What an orders or events import remembers of the text of its rows (import_row_text): the digest
 * of each batch's first row of every order, or of every event, by line, for a later batch's repeat
 * of one the row stored (earlier-batch-repeats.ts and write-events.ts read it by the stored row's
 * import_line). A run imports one entity, so its import_id alone keeps orders and events apart.
 * Written in the batch's transaction, so a killed import's memory matches what it committed.
 */

/**
 * Remembers the digests of a batch's rows, whatever becomes of them: only the line of a row that
 * stored its order or event is ever looked up. One statement and one row per batch. Not for an API
 * batch sent without its file's lines: its items' places repeat from batch to batch, so a repeat
 * there is judged by the stored order or event alone.
 */
export async function rememberRowTexts<Row extends { line: number }>(
  db: Db, context: Pick<WriteContext, 'importId' | 'linesOf'>, rows: readonly Row[], textOf: (row: Row) => RecordValues | undefined = (row) => valuesOfRow.get(row),
): Promise<void> {
  if (context.linesOf !== 'file') return;
  const lines: number[] = [];
  const texts: RecordValues[] = [];
  for (const row of rows) {
    const values = textOf(row);
    if (values === undefined) continue;
    lines.push(row.line);
    texts.push(values);
  }
  if (lines.length === 0) return;
  const { width, digests } = digestsOfBatch(texts);
  await sql`
    insert into import_row_text (import_id, first_line, lines, digest_width, text_digests)
    values (${context.importId}::bigint, ${lines.reduce((least, line) => Math.min(least, line))}::int, ${lines}::int[], ${width}::int, ${digests}::bytea)
    on conflict (import_id, first_line) do update set lines = excluded.lines, digest_width = excluded.digest_width, text_digests = excluded.text_digests`.execute(db);
}

/**
 * The whole-order rows of a batch's orders (an order stated with lines keeps no text: a repeat of it
 * is no exact repeat), without the buyer's place, which a repeat may state otherwise (orderRowText).
 */
export async function rememberOrderRowTexts(db: Db, context: Pick<WriteContext, 'importId' | 'linesOf'>, groups: readonly OrderGroup[]): Promise<void> {
  await rememberRowTexts(db, context, groups.flatMap((group) => (group.hasLines ? [] : [group.order])), orderRowText);
}

/**
 * The remembered digest of the rows on `lines` of an import, as a relation (line, text_digest): each
 * batch's row holding one of them is found by an index probe and its lines read once, however many
 * it holds; a digest is a slice of the batch's, read without reading the rest.
 */
export function rememberedTextsOf(importId: number, lines: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`(
    select d.line, substring(m.text_digests from ((d.position - 1) * m.digest_width + 1)::int for m.digest_width) as text_digest
    from import_row_text m
    join (select distinct (
      select c.first_line from import_row_text c where c.import_id = ${importId}::bigint and c.first_line <= w.line order by c.first_line desc limit 1
    ) as first_line from ${lines} as w(line)) as needed on needed.first_line = m.first_line
    cross join unnest(m.lines) with ordinality as d(line, position)
    where m.import_id = ${importId}::bigint)`;
}

/** The remembered digest of the rows on `lines` of an import, by line; a line not remembered is absent. */
export async function findRememberedTexts(db: Db, importId: number, lines: readonly number[]): Promise<Map<number, Buffer>> {
  if (lines.length === 0) return new Map();
  const result = await sql<{ line: number; text_digest: Buffer }>`
    select t.line, t.text_digest from ${rememberedTextsOf(importId, sql`(select distinct unnest(${[...lines]}::int[]))`)} as t
    where t.line = any(${[...lines]}::int[])`.execute(db);
  return new Map(result.rows.map((row) => [Number(row.line), Buffer.from(row.text_digest)]));
}

/** Whether an import of `entity` remembers its rows' text between batches (orders and events). */
export function remembersRowTexts(entity: string): boolean {
  return entity === 'orders' || entity === 'events';
}

/** Deletes what an import remembered of its rows; called when the import ends, however it ends. */
export async function forgetRowTexts(db: Db, importId: number): Promise<void> {
  await sql`delete from import_row_text where import_id = ${importId}::bigint`.execute(db);
}
