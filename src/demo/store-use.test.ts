import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { recordAudit } from '../auth/audit.js';
import type { Database } from '../db/schema.js';
import { ensureStoreSettings, updateStoreSettings } from '../settings/index.js';
import { findStoreUse, shouldLoadDemoAtStart } from './store-use.js';

const rolledBack = new Error('rolled back');

/** What findStoreUse says after `change`, which is then undone, so each case starts from the new store. */
async function useAfter(db: Kysely<Database>, change: (trx: Kysely<Database>) => Promise<unknown>): Promise<string | null> {
  let use: string | null = null;
  await db.transaction().execute(async (trx) => {
    await change(trx);
    use = await findStoreUse(trx);
    throw rolledBack;
  }).catch((error: unknown) => {
    if (error !== rolledBack) throw error;
  });
  return use;
}

describeEachStore('a store nobody has used', (context) => {
  it('is one with the settings it was created with and the system\'s audit entries only', async () => {
    const { db } = context.store;
    await ensureStoreSettings(db, { currency: 'EUR', timeZone: 'Europe/Riga', defaultCountry: 'LV' });
    expect(await findStoreUse(db)).toBeNull();
    expect(await useAfter(db, (trx) => recordAudit(trx, { actor: 'system', action: 'user.create', entity: 'staff_user', entityId: '1' }))).toBeNull();
    expect(await useAfter(db, (trx) => recordAudit(trx, { actor: 'anonymous', action: 'auth.sign-in.fail', entity: 'staff_user' }))).toBeNull();
    // the synthetic demo's own load, stopped part-way: the next start finishes it
    expect(await useAfter(db, (trx) => updateStoreSettings(trx, { name: 'Roti & Kopi Nusantara', is_synthetic: true, data_as_of: '2026-03-01T00:00:00Z' }))).toBeNull();
  });

  it('is used once it holds a customer or an import, its settings were written, or a person or key acted on it', async () => {
    const { db } = context.store;
    expect(await useAfter(db, (trx) => trx.insertInto('customer').values({ name: 'Sari' }).execute())).toBe('it holds customers');
    expect(await useAfter(db, (trx) => trx.insertInto('import_run').values({ entity: 'orders', started_by: 'api-key:1:shop-feed' }).execute())).toMatch(/^it has imports/);
    expect(await useAfter(db, (trx) => updateStoreSettings(trx, { name: 'Kopi Senja' }))).toBe('its settings were written (it is named "Kopi Senja")');
    expect(await useAfter(db, (trx) => updateStoreSettings(trx, { demo_dataset: 'cdnow' }))).toBe('it holds the cdnow demo');
    expect(await useAfter(db, (trx) => recordAudit(trx, { actor: 'cli:sari', action: 'settings.update', entity: 'store', entityId: 'currency' })))
      .toBe('its audit log has entries by people or API keys (the first: settings.update by cli:sari)');
    expect(await useAfter(db, (trx) => recordAudit(trx, { actor: 'user:1:owner@clientele.local', action: 'auth.sign-in', entity: 'staff_user' }))).toMatch(/auth\.sign-in by user:1/);
  });

  it('gets the demo unasked only on the embedded store; asked, on either', async () => {
    const { db } = context.store;
    expect(await shouldLoadDemoAtStart(db, { storeKind: 'embedded', demo: undefined })).toBe(true);
    expect(await shouldLoadDemoAtStart(db, { storeKind: 'server', demo: undefined })).toBe(false);
    expect(await shouldLoadDemoAtStart(db, { storeKind: 'server', demo: true })).toBe(true);
    expect(await shouldLoadDemoAtStart(db, { storeKind: 'embedded', demo: false })).toBe(false);
  });
});
