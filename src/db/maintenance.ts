import { sql } from 'kysely';
import type { Store } from './client.js';

/**
 * The embedded store's stand-in for autovacuum. PGlite runs PostgreSQL in
 * single-user mode, where no autovacuum runs: without this, an embedded store
 * never gets planner statistics for its tables (every plan after an import of a
 * million orders guessed from defaults), never sets the visibility map that
 * index-only scans need, and never reclaims the row versions that updates
 * leave. A PostgreSQL server has autovacuum, so there this does nothing.
 *
 * The rules are autovacuum's defaults, applied to the counters PostgreSQL
 * keeps per table: vacuum after 50 + 20% of a table's rows are dead or 1,000 +
 * 20% were inserted since the last vacuum; analyze after 50 + 10% were
 * changed since the last analyze. PGlite keeps those counters only while it is
 * open, so a session's counts are carried over in `table_activity` when the
 * store closes (`closing`), and each session judges by the sum: a store that
 * grows by small imports, one command at a time, is still analysed once it
 * has grown enough.
 */

export type TableActivity = { table: string; rows: number; deadRows: number; changedSinceAnalyze: number; insertedSinceVacuum: number };

export type MaintenanceStep = { table: string; vacuum: boolean; analyze: boolean };

export function maintenanceDue(tables: readonly TableActivity[]): MaintenanceStep[] {
  const steps: MaintenanceStep[] = [];
  for (const activity of tables) {
    // never analysed: reltuples is -1
    const rows = Math.max(activity.rows, 0);
    const vacuum = activity.deadRows > 50 + 0.2 * rows || activity.insertedSinceVacuum > 1000 + 0.2 * rows;
    const analyze = activity.changedSinceAnalyze > 50 + 0.1 * rows;
    if (vacuum || analyze) steps.push({ table: activity.table, vacuum, analyze });
  }
  return steps;
}

type CountsRow = {
  schema: string; table: string; rows: number;
  dead_rows: string; changed: string; inserted: string;
  carried_dead: string | null; carried_changed: string | null; carried_inserted: string | null;
};

/**
 * Vacuums and analyzes the embedded store's tables that are due, one at a
 * time (the store is one session, so other work waits meanwhile; a table is
 * due only after a large change, typically an import). With `closing`, the
 * session is about to end: what it counted on the tables left alone is added
 * to what earlier sessions carried. Returns what was done.
 */
export async function maintainEmbeddedStore(store: Store, options: { closing?: boolean } = {}): Promise<MaintenanceStep[]> {
  if (store.kind !== 'embedded') return [];
  const db = store.db;
  // the counters reach the shared statistics only when the session is idle for a second; ask now
  await sql`select pg_stat_force_next_flush()`.execute(db);
  const result = await sql<CountsRow>`
    select s.schemaname as schema, s.relname as table, c.reltuples::float8 as rows, s.n_dead_tup as dead_rows,
      s.n_mod_since_analyze as changed, s.n_ins_since_vacuum as inserted,
      a.dead_rows as carried_dead, a.changed_since_analyze as carried_changed, a.inserted_since_vacuum as carried_inserted
    from pg_stat_user_tables s
    join pg_class c on c.oid = s.relid
    left join table_activity a on a.table_name = s.relname
    where s.schemaname = current_schema()
    order by s.relname`.execute(db);
  const rows = result.rows;
  const steps = maintenanceDue(rows.map((row) => ({
    table: row.table,
    rows: Number(row.rows),
    deadRows: Number(row.dead_rows) + Number(row.carried_dead ?? 0),
    changedSinceAnalyze: Number(row.changed) + Number(row.carried_changed ?? 0),
    insertedSinceVacuum: Number(row.inserted) + Number(row.carried_inserted ?? 0),
  })));
  const schema = rows[0]?.schema ?? 'public';
  for (const step of steps) {
    const table = sql.id(schema, step.table);
    if (step.vacuum) await sql`vacuum (analyze ${sql.raw(step.analyze ? 'true' : 'false')}) ${table}`.execute(db);
    else await sql`analyze ${table}`.execute(db);
  }
  await carryCounts(store, rows, steps, options.closing === true);
  return steps;
}

/**
 * Brings table_activity in line: what a vacuum or analyze just reset is
 * forgotten; on closing, this session's counts on the other tables are added.
 */
async function carryCounts(store: Store, rows: CountsRow[], steps: MaintenanceStep[], closing: boolean): Promise<void> {
  const done = new Map(steps.map((step) => [step.table, step]));
  const carried = [];
  for (const row of rows) {
    const step = done.get(row.table);
    const session = closing ? { dead: Number(row.dead_rows), changed: Number(row.changed), inserted: Number(row.inserted) } : { dead: 0, changed: 0, inserted: 0 };
    const before = { dead: Number(row.carried_dead ?? 0), changed: Number(row.carried_changed ?? 0), inserted: Number(row.carried_inserted ?? 0) };
    const after = {
      dead: step?.vacuum ? 0 : before.dead + session.dead,
      changed: step?.analyze ? 0 : before.changed + session.changed,
      inserted: step?.vacuum ? 0 : before.inserted + session.inserted,
    };
    if (after.dead === before.dead && after.changed === before.changed && after.inserted === before.inserted) continue;
    carried.push({ table: row.table, ...after });
  }
  if (carried.length === 0) return;
  await sql`
    insert into table_activity (table_name, dead_rows, changed_since_analyze, inserted_since_vacuum)
    select * from unnest(${carried.map((entry) => entry.table)}::text[], ${carried.map((entry) => entry.dead)}::bigint[],
      ${carried.map((entry) => entry.changed)}::bigint[], ${carried.map((entry) => entry.inserted)}::bigint[])
    on conflict (table_name) do update set dead_rows = excluded.dead_rows, changed_since_analyze = excluded.changed_since_analyze,
      inserted_since_vacuum = excluded.inserted_since_vacuum`.execute(store.db);
}
