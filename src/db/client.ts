import { accessSync, chmodSync, constants as fsConstants, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { AppError } from '../core/errors.js';
import { storeShown } from '../core/shell-words.js';
import { join } from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import pg from 'pg';
import type { Database } from './schema.js';
import { lockEmbeddedStore, rewriteHeldLock } from './store-lock.js';
import { protectStoreFolder } from './store-permissions.js';
import { readStoreTemplate } from './store-template.js';
import { NamedStatementClient } from './named-statements.js';

export type StoreKind = 'embedded' | 'server';

/**
 * An open store: the Kysely handle for queries, plus the few things Kysely does
 * not cover (multi-statement scripts for migrations, bulk COPY) per driver.
 */
export type Store = {
  kind: StoreKind;
  /** Where the data lives: a directory, `memory://` or a redacted URL. */
  location: string;
  db: Kysely<Database>;
  /** Runs a multi-statement SQL script inside one transaction (simple-query protocol). */
  runScript: (script: string) => Promise<void>;
  pglite?: PGlite;
  pool?: pg.Pool;
  close: () => Promise<void>;
};

export function isServerUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/**
 * Whether a store location is meant as a URL, whatever its scheme: `postgres:/x` (one slash),
 * `postgresql:x` or `mysql://…` would otherwise name a directory, and a mistyped DATABASE_URL ran
 * the server on a new embedded store with the demo in it. Two letters at least: `C:\\…` is a directory.
 */
export function looksLikeUrl(target: string): boolean {
  return /^[a-z][a-z0-9+.-]+:/i.test(target) && target !== 'memory://';
}

/** What is wrong with a postgres:// URL that cannot be opened at all (null: nothing), in words for the user. */
export function serverUrlProblem(url: string): string | null {
  try {
    new URL(url);
  } catch {
    const port = /^[^/]*\/\/(?:[^@/]*@)?(?:\[[^\]]*\]|[^:/?#]*):([^/?#]*)/.exec(url)?.[1];
    if (port !== undefined && !/^\d+$/.test(port)) return `the port "${port}" is not a number`;
    if (port !== undefined && Number(port) > 65535) return `the port ${port} is out of range`;
    return 'it is not a valid URL (postgres://user:password@host:port/database; a password with @, :, / or # in it must be percent-encoded)';
  }
  return null;
}

/** A store location as the user gave it, without a password it may hold (core's storeShown: one rule for every place a location is shown). */
export function redactPassword(target: string): string {
  return storeShown(target);
}

// Large counts come back as strings by default; ours fit in a double.
pg.types.setTypeParser(20, (value) => Number(value));
pg.types.setTypeParser(1700, (value) => Number(value));

export type OpenStoreOptions = {
  /** A server store's schema (tests and scratch work). */
  searchPath?: string;
  /**
   * A new embedded store starts as a copy of the build's migrated template when
   * there is one (store-template.ts) instead of running initdb, which is most of
   * the time a new store takes to open. False: it runs initdb and holds nothing
   * (a test of a migration starts from before it).
   */
  useStoreTemplate?: boolean;
  /** A new embedded store starts as this image of a data directory (a backup, `clientele restore`) instead of the template. */
  startImage?: Blob;
  /**
   * The embedded store's buffer pool (shared_buffers, e.g. `16MB`). PostgreSQL's 128MB costs
   * about half a second at every start in WASM, which a short command or a small store need not
   * pay; a large store's analyses read less from disk with the default.
   */
  embeddedSharedBuffers?: string;
  /** Where a server store says it lost an idle connection, and an embedded store that its lock was copied from another folder (the server's logger); process warnings without one. */
  logger?: StoreLogger;
  /** How long a server connection may take to open before it fails (serverConnectTimeoutMillis without it). */
  connectTimeoutMillis?: number;
};

/** The part of a pino logger the store reports to. */
export type StoreLogger = { warn: (details: object, message: string) => void };

/**
 * A server that accepts connections and never answers (a hung host, a proxy whose backend is gone)
 * held each connection attempt forever: the pool's clients stayed stuck in connect, and every
 * request after them waited too, even once the server answered again.
 */
export const serverConnectTimeoutMillis = 10_000;

/**
 * TCP keepalive finds a peer that is gone (a host powered off, a network cut) on a connection
 * waiting for an answer, which otherwise waits forever; queries themselves get no time limit, as an
 * analysis may rightly run for minutes.
 */
const serverKeepAliveDelayMillis = 30_000;

/** The embedded buffer pool of a short command or a small store (see OpenStoreOptions.embeddedSharedBuffers). */
export const shortCommandSharedBuffers = '16MB';

export async function openStore(target: string, options: OpenStoreOptions = {}): Promise<Store> {
  if (isServerUrl(target)) return openServerStore(target, options);
  return openEmbeddedStore(target, options);
}

/**
 * What the store's code assumes of a session, set by each connection at
 * start-up, after any options the URL gives (a deployment's server may be
 * configured otherwise) and before the store's schema, which the URL may also
 * name. The driver reads dates, times and intervals in PostgreSQL's default
 * output styles: under DateStyle 'SQL, DMY' (common in Europe) every timestamp
 * it read back was wrong; floats are written in full (shortest exact, the
 * default; extra_float_digits 0 rounds them to 15 digits, in results and in the
 * JSON of stored numbers alike); a backslash in a string literal is a
 * backslash (the migrations' patterns have them). Transactions are written for READ COMMITTED: a run
 * that waits for a lock then sees what was committed meanwhile
 * (db/bulk-load.ts), which a SERIALIZABLE default would hide.
 */
const sessionDefaults = '-c DateStyle=ISO,MDY -c IntervalStyle=postgres -c extra_float_digits=1 -c standard_conforming_strings=on -c default_transaction_isolation=read\\ committed';

function serverConnection(url: string, searchPath?: string): { connectionString: string; options: string } {
  const parsed = new URL(url);
  const fromUrl = parsed.searchParams.get('options');
  // an options parameter left in the URL would replace the one given beside it
  parsed.searchParams.delete('options');
  const options = [fromUrl, sessionDefaults, searchPath ? `-c search_path=${searchPath}` : null].filter(Boolean).join(' ');
  return { connectionString: parsed.toString(), options };
}

/** A multi-statement script in one transaction, on one of the pool's clients (simple-query protocol). */
async function runScriptOn(pool: pg.Pool, script: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query(script);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
}

/** The stores whose handle serves queries on several connections at once (a server's pool). */
const concurrentHandles = new WeakSet<Kysely<Database>>();

/**
 * Whether work may run on another connection while a transaction holds one:
 * true for a server store's handle; false for the embedded store (PGlite is
 * one session behind a pool of one client, so a query waiting for a
 * transaction that waits for it would never run) and for a transaction.
 */
export function servesConcurrentQueries(db: Kysely<Database>): boolean {
  return concurrentHandles.has(db);
}

/** Per server store's handle: what it runs in the background, stopped before its pool ends; none once the store closes. */
const backgroundWork = new WeakMap<Kysely<Database>, Set<() => Promise<void>>>();
const closingHandles = new WeakSet<Kysely<Database>>();

/**
 * Registers work a server store's handle runs in the background, past the request that started it
 * (planner statistics, server-statistics.ts): closing the store awaits `stop` before it ends the pool,
 * as a pool ending waits for every connection it lent (a statement waiting for a lock would hold it
 * as long) and a query started after would meet an ended pool. `done` unregisters work that ended by
 * itself. Null once the store's closing began: start nothing then.
 */
export function untilClosing(db: Kysely<Database>, stop: () => Promise<void>): { done: () => void } | null {
  if (closingHandles.has(db)) return null;
  let work = backgroundWork.get(db);
  if (!work) backgroundWork.set(db, work = new Set());
  work.add(stop);
  return { done: () => { work.delete(stop); } };
}

/** Closes a server store's handle: its background work stopped first (untilClosing), then its pool ended. */
async function closeServerHandle(db: Kysely<Database>): Promise<void> {
  closingHandles.add(db);
  await Promise.allSettled([...backgroundWork.get(db) ?? []].map((stop) => stop()));
  await db.destroy();
}

/**
 * The connect timeout is the client's, not the pool's: the pool's would also end the wait for a
 * free client, and a query queued behind two long analyses is not a failure.
 */
function serverClient(connectTimeoutMillis: number): typeof NamedStatementClient {
  // pg says only "timeout expired": with a code, the command line and the server say the database did not answer
  const named = (error: Error | undefined) => (error?.message === 'timeout expired'
    ? Object.assign(new Error(`The database did not answer within ${connectTimeoutMillis / 1000} s of connecting`, { cause: error }), { code: 'ETIMEDOUT' })
    : error);
  return class ServerClient extends NamedStatementClient {
    constructor(config: pg.ClientConfig = {}) {
      super({ ...config, connectionTimeoutMillis: connectTimeoutMillis, keepAlive: true, keepAliveInitialDelayMillis: serverKeepAliveDelayMillis });
    }

    override connect(): Promise<pg.Client>;
    override connect(callback: (error: Error | null, client?: pg.Client) => void): void;
    override connect(callback?: (error: Error | null, client?: pg.Client) => void): Promise<pg.Client> | void {
      if (callback) return super.connect((error: Error | null, client?: pg.Client) => callback(named(error ?? undefined) ?? null, client));
      return super.connect().catch((error: Error) => { throw named(error); });
    }
  };
}

async function openServerStore(url: string, { searchPath, logger, connectTimeoutMillis = serverConnectTimeoutMillis }: OpenStoreOptions): Promise<Store> {
  const Client = serverClient(connectTimeoutMillis);
  const pool = reportingIdleErrors(new pg.Pool({ ...serverConnection(url, searchPath), max: 4, Client }), logger);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  concurrentHandles.add(db);
  return {
    kind: 'server',
    location: redactPassword(url),
    db,
    pool,
    runScript: (script) => runScriptOn(pool, script),
    close: () => closeServerHandle(db),
  };
}

/**
 * The embedded store is driven through node-postgres too, over PGlite's
 * wire-protocol connection: one driver for both stores, and named prepared
 * statements on both (PGlite's own query API sends every statement unnamed, so
 * the ingest path's statement was planned afresh for each order batch: 8–9 ms
 * for one customer, against 1.3–1.8 ms prepared). PGlite is one session, so
 * the pool holds one client for the store's lifetime.
 */
function embeddedPool(pglite: PGlite): pg.Pool {
  const { connection } = createPgConfig(pglite);
  class EmbeddedClient extends NamedStatementClient {
    constructor(config: pg.ClientConfig = {}) {
      super({ ...config, connection } as pg.ClientConfig);
    }
  }
  return reportingIdleErrors(new pg.Pool({ max: 1, idleTimeoutMillis: 0, Client: EmbeddedClient }));
}

/**
 * A pool emits the errors of its idle clients (a server restarted, a
 * connection cut); unhandled, that event would end the process. On the server
 * the pool drops the broken client and connects afresh for the next query, so
 * a warning is enough.
 */
function reportingIdleErrors(pool: pg.Pool, logger?: StoreLogger): pg.Pool {
  pool.on('error', (error) => {
    // under `serve` a plain "(node:PID) Warning:" line on stderr was the one line outside the JSON logs
    if (logger) logger.warn({ err: error }, 'Database connection lost while idle; the next query connects afresh');
    else process.emitWarning(`Database connection lost while idle: ${error.message}`);
  });
  return pool;
}

/** Whether an embedded store's place holds no store yet (PostgreSQL's PG_VERSION marks a data directory). */
function isNewStore(directory: string, inMemory: boolean): boolean {
  return inMemory || !existsSync(join(directory, 'PG_VERSION'));
}

/** What PostgreSQL cannot start without: a store missing one was damaged (a folder deleted, a copy cut short). */
const requiredStoreParts = ['base', 'global', 'pg_xact', 'pg_wal', 'pg_multixact'];

function missingStoreParts(directory: string): string[] {
  return requiredStoreParts.filter((part) => !existsSync(join(directory, part))).map((part) => `${part}/`);
}

function isPermissionError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'EACCES' || code === 'EPERM' || code === 'EROFS';
}

/**
 * The first of the store's directory, its entries and the database folders under base/ that cannot
 * be written, or null. PGlite checks the permission bits itself, as root too (where the system's
 * access check always passes), so an entry with no write bit at all counts as not writable.
 */
function firstNotWritable(directory: string): string | null {
  const candidates = [directory];
  try {
    for (const entry of readdirSync(directory)) candidates.push(join(directory, entry));
    const base = join(directory, 'base');
    if (existsSync(base) && statSync(base).isDirectory()) for (const entry of readdirSync(base)) candidates.push(join(base, entry));
  } catch (error) {
    if (isPermissionError(error)) return directory;
    throw error;
  }
  for (const path of candidates) {
    try {
      if ((statSync(path).mode & 0o222) === 0) return path;
      accessSync(path, fsConstants.W_OK);
    } catch (error) {
      if (isPermissionError(error)) return path;
      // gone meanwhile, or a broken link: not a permission problem
    }
  }
  return null;
}

function notWritable(directory: string, path: string): AppError {
  const where = path === directory ? directory : `${path} (in ${directory})`;
  return new AppError('STORE_NOT_WRITABLE_UNAVAILABLE',
    `The embedded store ${directory} cannot be opened: ${where} is not writable, and the store writes to its folder even to read. `
    + `Give the user running Clientele write permission on the folder and everything in it (for example \`chmod -R u+w ${directory}\`, and \`chown -R\` to that user if another one owns it), `
    + 'or copy the folder somewhere writable and give that to --db.',
    { directory, file: path, hint: 'make the store folder writable' });
}

function damaged(directory: string, why: string, cause?: unknown): AppError {
  return new AppError('STORE_DAMAGED_UNAVAILABLE',
    `The embedded store ${directory} could not be opened, and may be damaged (${why}). `
    + 'Restore it from a backup: stop Clientele, move this folder aside, and put the backup copy in its place (docs/operations.md, "Restore"). '
    + 'Without a backup, re-import your source files into a new store.',
    { directory, reason: why, hint: 'restore the store folder from a backup', ...(cause instanceof Error ? { cause: cause.message } : {}) });
}

async function openEmbeddedStore(directory: string, { useStoreTemplate = true, startImage: givenImage, embeddedSharedBuffers, logger }: OpenStoreOptions): Promise<Store> {
  // only named: an empty location (an unset variable in a script) would keep nothing anywhere
  if (directory.trim() === '') throw new Error('An embedded store needs a directory, or memory:// for one kept in memory; the location given is empty.');
  const inMemory = directory === 'memory://';
  if (!inMemory) {
    try {
      // the store's folder is its owner's alone (store-permissions.ts); folders made above it are as usual
      if (mkdirSync(directory, { recursive: true }) !== undefined) chmodSync(directory, 0o700);
    } catch (error) {
      if (isPermissionError(error)) throw notWritable(directory, directory);
      throw error;
    }
    // before the lock, which is written there too: PGlite said only "failed to initialize properly"
    const readOnly = firstNotWritable(directory);
    if (readOnly) throw notWritable(directory, readOnly);
  }
  const existed = !isNewStore(directory, inMemory);
  if (existed) {
    const missing = missingStoreParts(directory);
    if (missing.length > 0) throw damaged(directory, `its ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing`);
  }
  // a copied lock is told as the server logs (its JSON lines), else as a process warning
  const warn = logger ? (message: string) => logger.warn({ directory }, message) : undefined;
  const unlock = inMemory ? () => {} : lockEmbeddedStore(directory, warn);
  let pglite: PGlite;
  try {
    const startImage = existed ? undefined : givenImage ?? (useStoreTemplate ? readStoreTemplate() : undefined);
    pglite = await PGlite.create({
      ...(inMemory ? {} : { dataDir: directory }),
      ...(startImage ? { loadDataDir: startImage } : {}),
      ...(embeddedSharedBuffers ? { startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${embeddedSharedBuffers}`] } : {}),
    });
    // an image (a backup) carries the lock of the process that wrote it, now over this one's
    if (startImage && !inMemory) rewriteHeldLock(directory);
  } catch (error) {
    unlock();
    // PGlite says only "failed to initialize properly", of a store it could not read as much as of a bug
    if (existed && !inMemory) throw damaged(directory, (error as Error)?.message ?? String(error), error);
    throw error;
  }
  // PGlite unpacks an image, and PostgreSQL writes its files, open to every user (0666): a new store
  // is made its owner's alone, an existing one too when its folder lets others in (one stat otherwise)
  if (!inMemory) protectStoreFolder(directory, warn ?? ((message) => process.emitWarning(message)), { always: !existed });
  // every statement, scripts included, goes through the pool's one client: PGlite is one session
  const pool = embeddedPool(pglite);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'embedded',
    location: inMemory ? 'memory://' : directory,
    db,
    pglite,
    pool,
    runScript: (script) => runScriptOn(pool, script),
    close: async () => {
      try {
        // After a statement with parameters failed outside a transaction, PGlite's close() spun
        // forever (the event loop blocked, the process never exited) unless another statement
        // ran first: one round trip settles the session.
        if (!pglite.closed) await pool.query('select 1').catch(() => {});
        await db.destroy();
        if (!pglite.closed) await pglite.close();
      } finally {
        unlock();
      }
    },
  };
}
