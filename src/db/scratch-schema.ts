import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A new, empty schema on a PostgreSQL server, for tests and benchmarks that
 * need a store of their own on a shared database. `url` selects it through the
 * connection's search_path; `drop` removes it and everything in it.
 */
export async function createScratchSchema(serverUrl: string, prefix: string): Promise<{ schema: string; url: string; drop: () => Promise<void> }> {
  const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
  await runAdmin(serverUrl, `create schema ${schema}`);
  const url = new URL(serverUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { schema, url: url.toString(), drop: () => runAdmin(serverUrl, `drop schema if exists ${schema} cascade`) };
}

/** One statement on a connection of its own, for what a store's pool must not run (creating or dropping a schema or database). */
export async function runAdmin(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
