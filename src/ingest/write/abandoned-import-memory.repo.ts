import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/schema.js';
import { isRunAlive } from '../import-runs.repo.js';

type MemoryTable = 'import_seen_ref' | 'import_given' | 'import_row_text' | 'import_deferred_order';

/**
 * The imports that remembered rows in `table` (its primary key begins with import_id) and are no
 * longer running: a killed import cannot clean up after itself, and its run stays 'running' with a
 * heartbeat that stops (see import-runs.repo.ts). Read by skipping from one import_id to the next
 * on the key, so that checking costs a probe per import remembered, not a pass over their rows:
 * cheap enough for every import, of any kind, to check when it starts.
 */
function abandonedImportsIn(table: MemoryTable): RawBuilder<unknown> {
  const remembered = sql.table(table);
  return sql`(
    with recursive present(import_id) as (
      (select m.import_id from ${remembered} m order by m.import_id limit 1)
      union all
      select (select m.import_id from ${remembered} m where m.import_id > present.import_id order by m.import_id limit 1)
      from present where present.import_id is not null
    )
    select present.import_id from present where present.import_id is not null
      and not exists (select 1 from import_run run where run.import_id = present.import_id and ${isRunAlive('run')}))`;
}

/**
 * Deletes what imports that are no longer running remembered between batches: a customer file's
 * ids and fields (customer-file-memory.repo.ts), orders' and events' row texts
 * (row-text-memory.repo.ts) and orders whose stale lines waited for the import's completion
 * (deferred-stale-lines.repo.ts: their stored lines stay, as the import never completed), in one
 * statement. A re-run is a new import, so nothing left behind is ever read again. Called when
 * any import starts (a file import, an open API run, a one-request batch), so that nothing
 * outlives its run for longer than the next import; a live run's memory stays, its heartbeat recent.
 */
export async function forgetAbandonedImportMemory(db: Kysely<Database>): Promise<void> {
  await sql`
    with seen as (delete from import_seen_ref where import_id in ${abandonedImportsIn('import_seen_ref')}),
    given as (delete from import_given where import_id in ${abandonedImportsIn('import_given')}),
    deferred as (delete from import_deferred_order where import_id in ${abandonedImportsIn('import_deferred_order')})
    delete from import_row_text where import_id in ${abandonedImportsIn('import_row_text')}`.execute(db);
}
