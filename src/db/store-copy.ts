import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { AppError } from '../core/errors.js';
import type { Database } from './schema.js';
import { copyOrder, type CopiedTable } from './store-copy-plan.js';

type Db = Kysely<Database>;

export type CopyProgress = { table: string; tableRows: number; copiedRows: number; totalRows: number };

export type CopyOptions = {
  onProgress?: (progress: CopyProgress) => void;
  afterTable?: (table: string) => void;
  /**
   * Called between the copy's steps (before each table and each batch, before the checks and just
   * before the target commits): throws to stop the copy, which then leaves the target as it was.
   */
  stopIfAsked?: () => Promise<void>;
};

/**
 * Tables that hold no data of the shop, only the store's own housekeeping: the migrations' record
 * (each store keeps its own, compared before a copy) and the embedded store's maintenance counts
 * (table_activity, which describe that store's own files: a command that merely opens a new folder
 * writes them as it closes). They are neither copied nor counted as data in the target.
 */
export const housekeepingTables: readonly string[] = ['schema_migration', 'table_activity'];

export type StoreCopyResult = {
  tables: Array<{ table: string; rows: number }>;
  rows: number;
  sequences: number;
  /** Settings the target held before (written when it was first opened), replaced by the source's. */
  replacedSettings: number;
};

/** Rows read from the source and written to the target at a time: a few megabytes of text. */
const batchRows = 5_000;

/**
 * Copies every row of one store into another that holds none yet (an embedded store onto a
 * PostgreSQL server when a shop outgrows one machine, or a server's data into a folder), both
 * migrated to the same migrations. The source is read in one repeatable-read transaction, so the
 * copy is of one moment even while the source serves; the target is written in one transaction,
 * so a copy stopped part-way (killed, a lost connection, a failed check) leaves it as empty as it
 * was. Values travel as PostgreSQL's own text forms and are cast back by the target to the
 * column's type, so a timestamp keeps its microseconds and a float every digit. Tables are written
 * with their triggers off: the store-wide aggregates those triggers keep are copied as they are,
 * not added to a second time. Before committing, each table's rows are compared by count and by a
 * sum of row hashes on both sides.
 */
export async function copyStore(source: Db, target: Db, options: CopyOptions = {}): Promise<StoreCopyResult> {
  const stopIfAsked = options.stopIfAsked ?? (async () => undefined);
  await stopIfAsked();
  await requireSameMigrations(source, target);
  return source.transaction().setIsolationLevel('repeatable read').execute(async (reading) => {
    await sameTextForms(reading);
    const tables = copyOrder(await describeTables(reading));
    const counts = await countRows(reading, tables);
    const totalRows = [...counts.values()].reduce((sum, rows) => sum + rows, 0);
    return target.transaction().execute(async (writing) => {
      await sameTextForms(writing);
      const replacedSettings = await requireEmptyTarget(writing, tables);
      let copiedRows = 0;
      const copied: StoreCopyResult['tables'] = [];
      for (const table of tables) {
        await stopIfAsked();
        if (table.hasTriggers) await sql`alter table ${sql.table(table.name)} disable trigger user`.execute(writing);
        let rows = 0;
        for await (const batch of readBatches(reading, table)) {
          await stopIfAsked();
          await insertBatch(writing, table, batch);
          rows += batch.length;
          copiedRows += batch.length;
          options.onProgress?.({ table: table.name, tableRows: rows, copiedRows, totalRows });
        }
        if (table.hasTriggers) await sql`alter table ${sql.table(table.name)} enable trigger user`.execute(writing);
        copied.push({ table: table.name, rows });
        options.afterTable?.(table.name);
      }
      await stopIfAsked();
      const sequences = await copySequences(reading, writing);
      await requireSameRows(reading, writing, tables, stopIfAsked);
      await stopIfAsked();
      return { tables: copied, rows: copiedRows, sequences, replacedSettings };
    });
  });
}

/** Both sessions write dates, times and floats the same way, so a row's text (and its hash) is the same on both. */
async function sameTextForms(db: Transaction<Database>): Promise<void> {
  await sql`select set_config('timezone', 'UTC', true), set_config('datestyle', 'ISO, YMD', true), set_config('intervalstyle', 'postgres', true),
    set_config('extra_float_digits', '1', true), set_config('bytea_output', 'hex', true)`.execute(db);
}

async function requireSameMigrations(source: Db, target: Db): Promise<void> {
  const names = async (db: Db) => (await sql<{ name: string }>`select name from schema_migration order by name`.execute(db)).rows.map((row) => row.name);
  const [from, to] = await Promise.all([names(source), names(target)]);
  const onlyFrom = from.filter((name) => !to.includes(name));
  const onlyTo = to.filter((name) => !from.includes(name));
  if (onlyFrom.length > 0 || onlyTo.length > 0) {
    throw new AppError('STORE_COPY_MIGRATIONS_INVALID', `The two stores are not at the same migrations (${onlyFrom.length ? `only the source has ${onlyFrom.join(', ')}` : `only the target has ${onlyTo.join(', ')}`}): `
      + 'run `clientele migrate` on each with the same version of Clientele, then copy again.', { onlySource: onlyFrom, onlyTarget: onlyTo });
  }
}

/** The store's tables (all but the housekeeping ones), their columns and how they must be written. */
async function describeTables(db: Transaction<Database>): Promise<CopiedTable[]> {
  const { rows } = await sql<{ name: string; columns: Array<{ name: string; type: string }>; always_identity: boolean; has_triggers: boolean; references: string[] }>`
    select c.relname as name,
      (select json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod)) order by a.attnum)
        from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = '') as columns,
      exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and a.attidentity = 'a') as always_identity,
      exists (select 1 from pg_trigger t where t.tgrelid = c.oid and not t.tgisinternal) as has_triggers,
      array(select distinct r.relname::text from pg_constraint k join pg_class r on r.oid = k.confrelid where k.conrelid = c.oid and k.contype = 'f') as references
    from pg_class c
    where c.relnamespace = current_schema()::regnamespace and c.relkind = 'r' and c.relname <> all(${[...housekeepingTables]}::text[])
    order by c.relname`.execute(db);
  return rows.map((row) => ({ name: row.name, columns: row.columns, alwaysIdentity: row.always_identity, hasTriggers: row.has_triggers, references: row.references }));
}

async function countRows(db: Transaction<Database>, tables: CopiedTable[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const table of tables) {
    const { rows } = await sql<{ rows: string }>`select count(*) as rows from ${sql.table(table.name)}`.execute(db);
    counts.set(table.name, Number(rows[0].rows));
  }
  return counts;
}

/**
 * The target holds no rows but store settings, which opening a new store may have written (its
 * currency, time zone and phone country from the environment): those are replaced by the source's.
 * Its housekeeping tables are not among `tables` (describeTables): they hold none of a shop's data,
 * and are left as the target keeps them.
 */
async function requireEmptyTarget(db: Transaction<Database>, tables: CopiedTable[]): Promise<number> {
  const holding: string[] = [];
  for (const table of tables) {
    if (table.name === 'store_setting') continue;
    const { rows } = await sql<{ held: boolean }>`select exists (select 1 from ${sql.table(table.name)}) as held`.execute(db);
    if (rows[0].held) holding.push(table.name);
  }
  if (holding.length > 0) {
    throw new AppError('STORE_COPY_TARGET_NOT_EMPTY', `The target store already holds data (in ${holding.slice(0, 5).join(', ')}${holding.length > 5 ? ` and ${holding.length - 5} more tables` : ''}), `
      + 'and a copy never mixes two stores: give --to a new database (createdb) or a new folder.', { field: '--to', tables: holding });
  }
  const replaced = await sql`delete from store_setting`.execute(db);
  return Number(replaced.numAffectedRows ?? 0);
}

/** A table's rows as text, a batch at a time, through a cursor of the reading transaction; a table that refers to itself in one batch, so a row never arrives before the row it names. */
async function* readBatches(db: Transaction<Database>, table: CopiedTable): AsyncGenerator<Array<Record<string, string | null>>> {
  const cursor = sql.id(`copy_${table.name}`);
  const items = sql.join(table.columns.map((column) => sql`${sql.ref(column.name)}::text as ${sql.id(column.name)}`));
  await sql`declare ${cursor} no scroll cursor for select ${items} from ${sql.table(table.name)}`.execute(db);
  const fetchRows = table.references.includes(table.name) ? sql`all` : sql.lit(batchRows);
  try {
    for (;;) {
      const { rows } = await sql<Record<string, string | null>>`fetch ${fetchRows} from ${cursor}`.execute(db);
      if (rows.length === 0) return;
      yield rows;
      if (rows.length < batchRows) return;
    }
  } finally {
    await sql`close ${cursor}`.execute(db);
  }
}

/** One statement per batch: each column's texts as one array parameter, cast back to the column's type. */
async function insertBatch(db: Transaction<Database>, table: CopiedTable, batch: Array<Record<string, string | null>>): Promise<void> {
  const arrays = table.columns.map((column) => sql`${batch.map((row) => row[column.name])}::text[]`);
  const aliases = table.columns.map((_, index) => sql.id(`c${index}`));
  const values = table.columns.map((column, index) => sql`${sql.ref(`u.c${index}`)}::${typeName(column.type)}`);
  const overriding: RawBuilder<unknown> = table.alwaysIdentity ? sql`overriding system value` : sql``;
  await sql`
    insert into ${sql.table(table.name)} (${sql.join(table.columns.map((column) => sql.ref(column.name)))}) ${overriding}
    select ${sql.join(values)} from unnest(${sql.join(arrays)}) as u(${sql.join(aliases)})`.execute(db);
}

/** A type as the catalog writes it (format_type): word characters, spaces, brackets, dots and typmod digits only. */
function typeName(type: string): RawBuilder<unknown> {
  if (!/^[a-z_][a-z0-9_ .,()"[\]]*$/i.test(type)) throw new Error(`Unexpected column type ${JSON.stringify(type)}`);
  return sql.raw(type);
}

/** Every sequence of the store (the tables' identity columns) set where the source's stands, so new ids follow the copied ones and none is handed out twice. */
async function copySequences(reading: Transaction<Database>, writing: Transaction<Database>): Promise<number> {
  const { rows } = await sql<{ name: string }>`
    select relname as name from pg_class where relnamespace = current_schema()::regnamespace and relkind = 'S' order by relname`.execute(reading);
  for (const { name } of rows) {
    const state = await sql<{ last_value: string; is_called: boolean }>`select last_value::text, is_called from ${sql.table(name)}`.execute(reading);
    const { last_value: lastValue, is_called: isCalled } = state.rows[0];
    await sql`select setval(${name}::regclass, ${lastValue}::bigint, ${isCalled})`.execute(writing);
  }
  return rows.length;
}

/** Each table's count and sum of row hashes, compared between the two sides: a copy that differs is not committed. */
async function requireSameRows(reading: Transaction<Database>, writing: Transaction<Database>, tables: CopiedTable[], stopIfAsked: () => Promise<void>): Promise<void> {
  const fingerprint = async (db: Transaction<Database>, table: CopiedTable) => {
    const row = sql.ref(`r`);
    const { rows } = await sql<{ rows: string; hashes: string | null }>`
      select count(*)::text as rows, sum(hashtextextended(${row}::text, 0))::text as hashes from ${sql.table(table.name)} as r`.execute(db);
    return `${rows[0].rows}:${rows[0].hashes ?? ''}`;
  };
  for (const table of tables) {
    await stopIfAsked();
    const [from, to] = [await fingerprint(reading, table), await fingerprint(writing, table)];
    if (from !== to) {
      throw new AppError('STORE_COPY_MISMATCH', `The copy of table ${table.name} does not match the source (rows:hashes ${from} against ${to}); nothing was written to the target. Report this with both stores' PostgreSQL versions.`, { table: table.name });
    }
  }
}
