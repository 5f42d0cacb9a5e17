import { sql, type Kysely } from 'kysely';
import { loadConfig, type Config } from '../core/config.js';
import { AppError } from '../core/errors.js';
import { isServerUrl, looksLikeUrl, openStore, redactPassword, serverUrlProblem, type Store, type StoreLogger } from '../db/client.js';
import { checkStoreDirectory } from '../db/store-directory.js';
import { listMigrationFiles, migrate, pendingMigrations, type MigrationResult } from '../db/migrate.js';
import type { Database } from '../db/schema.js';
import { ensureStoreSettings, type StoreSettings } from '../settings/index.js';

export type Runtime = {
  config: Config; store: Store; db: Kysely<Database>; settings: StoreSettings;
  /** What opening the store migrated (null when it only checked): `clientele migrate` reports it. */
  migration: MigrationResult | null;
  /** The store got its currency, time zone and phone country just now (settings/setup-notice.ts says which). */
  isNewStore: boolean;
};

/**
 * Opens the store named by `--db`, DATABASE_URL or the data directory. An
 * embedded store is created and migrated on first use; a server store must be
 * migrated explicitly (`clientele migrate` or the server's start) unless
 * `autoMigrate` is set, so a command never changes a shared schema by surprise.
 * `migrateEmptyServer` (`demo load`, which makes a new store) also migrates a server
 * database whose schema holds nothing yet: there is no schema to change by surprise,
 * as in a new directory. One with tables (an older Clientele's) is still refused.
 */
export async function openRuntime(options: {
  db?: string; autoMigrate?: boolean; migrateEmptyServer?: boolean; env?: NodeJS.ProcessEnv; embeddedSharedBuffers?: string; logger?: StoreLogger;
} = {}): Promise<Runtime> {
  const env = options.env ?? process.env;
  const config = loadConfig(env);
  const target = options.db ?? config.database;
  checkStoreTarget(target, options.db !== undefined ? '--db' : env.DATABASE_URL !== undefined ? 'DATABASE_URL' : env.CLIENTELE_DATA_DIR !== undefined ? 'CLIENTELE_DATA_DIR' : null, env);
  // CLIENTELE_EMBEDDED_SHARED_BUFFERS, when set, over what the caller suggests for its work
  const embeddedSharedBuffers = config.embeddedSharedBuffers ?? options.embeddedSharedBuffers;
  const store = await openStore(target, { ...(embeddedSharedBuffers ? { embeddedSharedBuffers } : {}), ...(options.logger ? { logger: options.logger } : {}) });
  try {
    const shouldMigrate = options.autoMigrate ?? (!isServerUrl(target) || (options.migrateEmptyServer === true && await isEmptySchema(store.db)));
    const migration = shouldMigrate ? await migrate(store) : null;
    if (!shouldMigrate) {
      const pending = await pendingMigrations(store);
      if (pending.length > 0) {
        const listed = `${pending.slice(0, 3).join(', ')}${pending.length > 3 ? ', …' : ''}`;
        // a command that would migrate an empty database (demo load) says why it left this one alone:
        // it holds tables, and no Clientele migration ran in it, so they are another application's
        const othersOnly = options.migrateEmptyServer === true && pending.length === (await listMigrationFiles()).length;
        const why = othersOnly
          ? ' It already holds tables that are not Clientele\'s, so it was not migrated by itself: use an empty database (e.g. `createdb clientele`), or run `clientele migrate` to add Clientele\'s tables beside them.'
          : ` Run \`clientele migrate\`, then this command again: retried without migrating, it gets the same answer.`;
        // retrying never helps: the command says what will
        throw new AppError('STORE_MIGRATIONS_PENDING_UNAVAILABLE', `The store at ${store.location} is not migrated: ${pending.length} pending migration(s) (${listed}).${why}`, { pending: pending.length });
      }
    }
    const { settings, isNew } = await ensureStoreSettings(store.db, config);
    return { config: { ...config, database: target }, store, db: store.db, settings, migration, isNewStore: isNew };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/**
 * Whether the schema a server store's tables go in (the connection's current schema) holds no
 * table, view or sequence at all: a new database or schema, never a Clientele store part-way or an
 * other application's. With no current schema (a search_path naming none that exists) it is not:
 * migrating could not create anything, and the refusal says what to run.
 */
async function isEmptySchema(db: Kysely<Database>): Promise<boolean> {
  const result = await sql<{ empty: boolean }>`
    select current_schema() is not null and not exists (
      select 1 from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
    ) as empty`.execute(db);
  return result.rows[0]?.empty === true;
}

/**
 * Refuses a store location the user gave empty (`--db "$UNSET"`) or one where no embedded store
 * can be, before anything is created: an empty one once meant a throwaway in-memory store, and a
 * script's import "succeeded" into nothing.
 */
function checkStoreTarget(target: string, field: '--db' | 'DATABASE_URL' | 'CLIENTELE_DATA_DIR' | null, env: NodeJS.ProcessEnv): void {
  if (field === '--db' && target.trim() === '') {
    throw new AppError('CLI_ARGUMENT_INVALID', '--db is empty: give a directory or a postgres:// URL, or leave --db out for the default store (DATABASE_URL, else CLIENTELE_DATA_DIR, else ./.clientele).', { field: '--db' });
  }
  if (field === 'DATABASE_URL' && target.trim() === '') {
    throw new AppError('CONFIG_INVALID', 'DATABASE_URL is set but empty: give a postgres:// URL, or unset it for the embedded store (CLIENTELE_DATA_DIR, else ./.clientele).', { field: 'DATABASE_URL' });
  }
  if (field === 'CLIENTELE_DATA_DIR' && (env.CLIENTELE_DATA_DIR ?? '').trim() === '') {
    throw new AppError('CONFIG_INVALID', 'CLIENTELE_DATA_DIR is set but empty: give the store\'s directory, or unset it for ./.clientele.', { field: 'CLIENTELE_DATA_DIR' });
  }
  if (field === 'DATABASE_URL' && !isServerUrl(target)) {
    // a mistyped URL once named a new embedded store, and the server ran on the synthetic demo
    throw new AppError('CONFIG_INVALID', `DATABASE_URL must be a postgres:// or postgresql:// URL (postgres://user:password@host:port/database), not "${redactPassword(target)}". For the embedded store, unset it and give CLIENTELE_DATA_DIR or --db a directory.`, { field: 'DATABASE_URL' });
  }
  if (field === '--db' && looksLikeUrl(target) && !isServerUrl(target)) {
    throw new AppError('CLI_ARGUMENT_INVALID', `--db "${redactPassword(target)}" looks like a URL, but not a postgres:// or postgresql:// one: give a postgres://user:password@host:port/database URL, or a directory for the embedded store (./ before a directory's name that starts so).`, { field: '--db' });
  }
  if (isServerUrl(target)) {
    const problem = serverUrlProblem(target);
    const setting = field ?? 'DATABASE_URL';
    if (problem) throw new AppError(setting === '--db' ? 'CLI_ARGUMENT_INVALID' : 'CONFIG_INVALID', `${setting} cannot be opened: ${problem}.`, { field: setting });
    return;
  }
  if (target === 'memory://') return;
  checkStoreDirectory(target, field);
}
