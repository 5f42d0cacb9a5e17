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
 * changed since the last analyze.
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

/**
 * Vacuums and analyzes the embedded store's tables that are due, one at a
 * time (the store is one session, so other work waits meanwhile; a table is
 * due only after a large change, typically an import). Returns what was done.
 */
export async function maintainEmbeddedStore(store: Store): Promise<MaintenanceStep[]> {
  if (store.kind !== 'embedded') return [];
  const db = store.db;
  // the counters reach the shared statistics only when the session is idle for a second; ask now
  await sql`select pg_stat_force_next_flush()`.execute(db);
  const result = await sql<{ table: string; rows: number; dead_rows: string; changed: string; inserted: string }>`
    select s.relname as table, c.reltuples::float8 as rows, s.n_dead_tup as dead_rows, s.n_mod_since_analyze as changed,
      s.n_ins_since_vacuum as inserted
    from pg_stat_user_tables s join pg_class c on c.oid = s.relid
    where s.schemaname = current_schema()
    order by s.relname`.execute(db);
  const steps = maintenanceDue(result.rows.map((row) => ({
    table: row.table, rows: Number(row.rows), deadRows: Number(row.dead_rows), changedSinceAnalyze: Number(row.changed), insertedSinceVacuum: Number(row.inserted),
  })));
  for (const step of steps) {
    const table = sql.id(step.table);
    if (step.vacuum) await sql`vacuum (analyze ${sql.raw(step.analyze ? 'true' : 'false')}) ${table}`.execute(db);
    else await sql`analyze ${table}`.execute(db);
  }
  return steps;
}
