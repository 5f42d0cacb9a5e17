import { Writable } from 'node:stream';
import { sql } from 'kysely';
import pino from 'pino';
import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { startEmbeddedMaintenance } from './embedded-maintenance.js';

describeEachStore('maintenance while the server runs', (context) => {
  it('brings an embedded store\'s statistics up to date as soon as it starts; leaves a PostgreSQL server to autovacuum', async () => {
    const db = context.store.db;
    await sql`insert into customer (name, created_at) select 'Customer ' || i, now() from generate_series(1, 2000) i`.execute(db);
    const lines: string[] = [];
    const logger = pino(new Writable({ write: (chunk, _encoding, done) => { lines.push(String(chunk)); done(); } }));
    const maintenance = startEmbeddedMaintenance(context.store, logger);
    // stopping waits for the run under way
    await maintenance.stop();
    const stats = await sql<{ rows: number }>`select reltuples::float8 as rows from pg_class where oid = to_regclass('customer')`.execute(db);
    if (context.kind === 'server') {
      expect(lines).toEqual([]);
      return;
    }
    expect(Number(stats.rows[0].rows)).toBe(2000);
    expect(lines.some((line) => line.includes('what autovacuum would do') && line.includes('"analyzed":["customer"'))).toBe(true);
  });
});
