import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemClock } from '../core/clock.js';
import { buildApp } from '../server/app.js';
import { ensureStoreSettings } from '../settings/index.js';
import { describeEachStore } from '../../test/helpers/stores.js';
import { describeMigrationFromBefore } from '../../test/helpers/migrated-before.js';
import { describeEachCliStore, runCliInProcess } from '../../test/helpers/cli-in-process.js';
import { createTestUser, signInAs, signInOverHttp, type TestSession } from '../../test/helpers/auth.js';
import { ensureOwner } from './owner-bootstrap.js';

describeEachStore('an account that never chose a language, and defaults that are no English words', (context) => {
  let app: FastifyInstance;
  let admin: TestSession;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: systemClock });
    admin = await signInAs(context.store, 'admin');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('gives a new staff member no language until they choose one, then keeps the one chosen', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload: { email: 'liga@example.lv', name: 'Līga', role: 'agent', password: 'liga chose a long password' } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ user: { email: 'liga@example.lv', locale: null } });

    const signedIn = await signInOverHttp(app, 'liga@example.lv', 'liga chose a long password');
    expect(signedIn.response.json()).toMatchObject({ user: { locale: null } });
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: signedIn.headers });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ email: 'liga@example.lv', locale: null });

    const chosen = await app.inject({ method: 'PATCH', url: '/api/auth/me', headers: signedIn.headers, payload: { locale: 'lv' } });
    expect(chosen.json()).toMatchObject({ locale: 'lv' });
    const users = await app.inject({ method: 'GET', url: '/api/users', headers: admin.headers });
    expect((users.json() as { items: Array<{ email: string; locale: string | null }> }).items.find((user) => user.email === 'liga@example.lv')).toMatchObject({ locale: 'lv' });
  });

  it('keeps a language given when the user is created', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload: { email: 'putri@example.id', name: 'Putri', role: 'agent', locale: 'id' } });
    expect(created.json()).toMatchObject({ user: { locale: 'id' } });
  });

  it('names the first owner with no English word, and gives a new store no English name', async () => {
    // this store already has staff, so the first owner is made in a store of its own below
    const tables = await sql<{ count: string }>`select count(*)::text as count from staff_user`.execute(context.store.db);
    expect(Number(tables.rows[0]!.count)).toBeGreaterThan(0);
    await sql`delete from user_session`.execute(context.store.db);
    await sql`delete from api_key`.execute(context.store.db);
    await sql`delete from staff_user`.execute(context.store.db);
    await sql`delete from store_setting where key = 'name'`.execute(context.store.db);

    const bootstrap = await ensureOwner(context.store.db, { email: 'owner@example.lv', password: 'the owner picked a long one' });
    expect(bootstrap).toMatchObject({ created: true });
    await ensureStoreSettings(context.store.db, { currency: 'EUR', timeZone: 'Europe/Riga', defaultCountry: 'LV' });

    const owner = await signInOverHttp(app, 'owner@example.lv', 'the owner picked a long one');
    expect(owner.response.json()).toMatchObject({ user: { email: 'owner@example.lv', name: '', locale: null } });
    const settings = await app.inject({ method: 'GET', url: '/api/settings', headers: owner.headers });
    expect(settings.json()).toMatchObject({ name: '' });
    const renamed = await app.inject({ method: 'PATCH', url: '/api/settings', headers: owner.headers, payload: { name: 'Rīgas veikals' } });
    expect(renamed.json()).toMatchObject({ name: 'Rīgas veikals', changed: { name: { from: '', to: 'Rīgas veikals' } } });
  });
});

describeEachCliStore('clientele users list: a language not chosen', (context) => {
  const run = (...args: string[]) => runCliInProcess(context.db, args);

  it('prints null in JSON and an empty cell in the table, and the chosen one once set', async () => {
    const created = await run('--json', 'users', 'create', '--email', 'andris@example.lv', '--name', 'Andris', '--role', 'agent', '--password', 'andris picked a long one');
    expect(created.error).toBeNull();
    expect(JSON.parse(created.stdout)).toMatchObject({ user: { email: 'andris@example.lv', locale: null } });
    expect(JSON.parse((await run('--json', 'users', 'list')).stdout)).toMatchObject([{ email: 'andris@example.lv', locale: null }]);
    const table = await run('users', 'list');
    expect(table.error).toBeNull();
    expect(table.stdout).not.toMatch(/\bnull\b/);
  }, 240_000);
});

const localeNotChosen = '202612150100_staff_locale_not_chosen.sql';

/** Users made before the change keep 'en': it cannot be told from a chosen English. */
describeMigrationFromBefore(`migration ${localeNotChosen}`, localeNotChosen, async (db) => {
  await sql`insert into staff_user (email, name, role, password_hash) values ('before@example.lv', 'Before', 'owner', 'x')`.execute(db);
  await sql`insert into staff_user (email, name, role, password_hash, locale) values ('chose@example.id', 'Chose', 'agent', 'x', 'id')`.execute(db);
}, (context) => {
  it('keeps the language of existing users and gives new ones none', async () => {
    await createTestUser(context.store, 'analyst', { email: 'after@example.lv' });
    const rows = await sql<{ email: string; locale: string | null }>`select email, locale from staff_user order by user_id`.execute(context.store.db);
    expect(rows.rows).toEqual([
      { email: 'before@example.lv', locale: 'en' },
      { email: 'chose@example.id', locale: 'id' },
      { email: 'after@example.lv', locale: null },
    ]);
  });
});
