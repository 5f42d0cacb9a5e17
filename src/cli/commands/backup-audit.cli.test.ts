import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';
import { openStore } from '../../db/client.js';
import { testSharedBuffers } from '../../../test/helpers/stores.js';

// Taking a whole copy of the store (every customer, the staff accounts, the key hashes) left no trace in its audit log.

const directory = mkdtempSync(join(tmpdir(), 'clientele-backup-audit-'));
let shop = '';
let cleanUp: () => Promise<void> = async () => {};
const actor = `cli:${userInfo().username}`;

beforeAll(async () => { ({ db: shop, cleanUp } = await createCliStore('embedded')); }, 240_000);
afterAll(async () => {
  await cleanUp();
  rmSync(directory, { recursive: true, force: true });
});

async function storeEntries(location: string) {
  const store = await openStore(location, { embeddedSharedBuffers: testSharedBuffers });
  try {
    const rows = await store.db.selectFrom('audit_event').selectAll().where('action', 'in', ['store.backup', 'store.restore']).orderBy('audit_id').execute();
    return rows.map((row) => ({ actor: row.actor, action: row.action, entity: row.entity, entityId: row.entity_id, detail: row.detail as Record<string, unknown>, occurredAt: row.occurred_at }));
  } finally {
    await store.close();
  }
}

describe('clientele backup and restore in the audit log', () => {
  it('records who took a copy, of which file and how large, in the live store once the file is whole; the restored store records the restore', { timeout: 240_000 }, async () => {
    expect((await runCliInProcess(shop, ['settings', 'set', '--name', 'Toko Melati'])).exitCode).toBe(0);
    const file = join(directory, 'melati.tar.gz');
    const started = Date.now();
    const backedUp = await runCliInProcess(shop, ['backup', '--out', file]);
    expect(backedUp.exitCode, backedUp.stderr).toBe(0);
    const bytes = statSync(file).size;
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(directory)).toEqual(['melati.tar.gz']);

    const live = await storeEntries(shop);
    expect(live.map(({ occurredAt: _, ...entry }) => entry)).toEqual([
      { actor, action: 'store.backup', entity: 'backup', entityId: 'melati.tar.gz', detail: { file, bytes } },
    ]);

    const restoredInto = join(directory, 'restored');
    const restored = await runCliInProcess(restoredInto, ['restore', file]);
    expect(restored.exitCode, restored.stderr).toBe(0);
    const entries = await storeEntries(restoredInto);
    // the copy was taken before its own entry was written: the restored store holds the restore alone
    expect(entries.map(({ occurredAt: _, ...entry }) => ({ ...entry, detail: { ...entry.detail, takenAt: typeof entry.detail.takenAt } }))).toEqual([
      { actor, action: 'store.restore', entity: 'backup', entityId: 'melati.tar.gz', detail: { file, takenAt: 'string' } },
    ]);
    // when the backup was taken, carried by the file (its gzip header), to the second
    const takenAt = Date.parse(entries[0]!.detail.takenAt as string);
    expect(takenAt).toBeGreaterThanOrEqual(Math.floor(started / 1000) * 1000);
    expect(takenAt).toBeLessThanOrEqual(live[0]!.occurredAt.getTime());

    // a file without that time (one copied through a tool that rewrote its header) is restored, saying no time
    const untimed = join(directory, 'untimed.tar.gz');
    const content = readFileSync(file);
    content.writeUInt32LE(0, 4);
    writeFileSync(untimed, content);
    const fromUntimed = join(directory, 'restored-untimed');
    expect((await runCliInProcess(fromUntimed, ['restore', untimed])).exitCode).toBe(0);
    expect((await storeEntries(fromUntimed)).map((entry) => entry.detail)).toEqual([{ file: untimed }]);
  });

  it('keeps no copy it could not record', { timeout: 240_000 }, async () => {
    const store = await openStore(shop, { embeddedSharedBuffers: testSharedBuffers });
    try {
      await sql`create function refuse_backup_entry() returns trigger language plpgsql as $$ begin raise exception 'audit log unavailable'; end $$`.execute(store.db);
      await sql`create trigger refuse_backup_entry before insert on audit_event for each row when (new.action = 'store.backup') execute function refuse_backup_entry()`.execute(store.db);
    } finally {
      await store.close();
    }
    const file = join(directory, 'unrecorded.tar.gz');
    const refused = await runCliInProcess(shop, ['backup', '--out', file]);
    expect(refused.exitCode).not.toBe(0);
    expect(String(refused.error)).toContain('audit log unavailable');
    expect(existsSync(file)).toBe(false);
    expect(existsSync(`${file}.partial`)).toBe(false);
  });
});
