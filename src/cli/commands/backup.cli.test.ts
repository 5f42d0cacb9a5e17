import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/cli.js';
import { openStore } from '../../db/client.js';

// The real binary: exit codes and what a person reads, for the store refusals and `backup` / `restore`.

const directory = mkdtempSync(join(tmpdir(), 'clientele-backup-cli-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('clientele backup and restore', () => {
  it('backs up an embedded store to a file and restores it into a new folder', { timeout: 240_000 }, async () => {
    const shop = join(directory, 'shop');
    expect((await runCli(['--db', shop, 'settings', 'set', '--name', 'Kopi Senja'])).code).toBe(0);
    const file = join(directory, 'shop.tar.gz');
    const backedUp = await runCli(['--db', shop, 'backup', '--out', file]);
    expect(backedUp.code, backedUp.stderr).toBe(0);
    expect(backedUp.stdout).toContain(`Backed up the embedded store ${shop} to ${file}`);
    const restored = join(directory, 'restored');
    const restoredRun = await runCli(['--db', restored, 'restore', file]);
    expect(restoredRun.code, restoredRun.stderr).toBe(0);
    const shown = await runCli(['--db', restored, '--json', 'settings', 'show']);
    expect(shown.stdout).toContain('Kopi Senja');
  });

  it('refuses a backup file cut short with the one clean error (exit 1), no stack trace after it', { timeout: 120_000 }, async () => {
    const cut = join(directory, 'cut.tar.gz');
    const whole = gzipSync(randomBytes(200_000));
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    const target = join(directory, 'from-cut');
    const refused = await runCli(['--db', target, 'restore', cut]);
    expect(refused.code, refused.stderr).toBe(1);
    expect(refused.stderr).toContain('RESTORE_FILE_INVALID');
    expect(refused.stderr).not.toMatch(/Z_BUF_ERROR|unexpected end of file\n\s+at |\n\s+at /);
    expect(existsSync(target)).toBe(false);
  });

  it('refuses a server store with the pg_dump hint (exit 1)', async () => {
    const refused = await runCli(['--db', 'postgres://clientele@db.internal/clientele', 'backup', '--out', join(directory, 'x.tar.gz')]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('BACKUP_SERVER_STORE_INVALID');
    expect(refused.stderr).toContain('pg_dump');
  });
});

describe('a store a newer version migrated', () => {
  it('is refused by `migrate` and by any command, exit 3, naming the migration and saying to upgrade', { timeout: 240_000 }, async () => {
    const store = join(directory, 'newer');
    const opened = await openStore(store);
    await sql`insert into schema_migration (name) values ('209901010000_future_change.sql')`.execute(opened.db);
    await opened.close();
    for (const args of [['migrate'], ['settings', 'show']]) {
      const refused = await runCli(['--db', store, ...args]);
      expect(refused.code, args.join(' ')).toBe(3);
      expect(refused.stderr).toContain('STORE_NEWER_VERSION_UNAVAILABLE');
      expect(refused.stderr).toContain('209901010000_future_change.sql');
      expect(refused.stderr).toContain('Upgrade Clientele');
    }
    expect(existsSync(join(store, 'clientele.lock'))).toBe(false);
  });
});

describe('an embedded store that cannot be opened', () => {
  it('a damaged one says so and to restore a backup, exit 3', { timeout: 120_000 }, async () => {
    const store = join(directory, 'damaged');
    const opened = await openStore(store);
    await opened.close();
    rmSync(join(store, 'pg_xact'), { recursive: true });
    const refused = await runCli(['--db', store, 'settings', 'show']);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('STORE_DAMAGED_UNAVAILABLE');
    expect(refused.stderr).toContain('Restore it from a backup');
  });
});
