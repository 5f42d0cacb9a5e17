import { expect, it } from 'vitest';
import { backtickedCommands, pastedWords } from '../../test/helpers/pasted-words.js';
import { describeEachStore } from '../../test/helpers/stores.js';
import { fixedClock } from '../core/clock.js';
import { ingestRecords } from '../ingest/ingest-batch.service.js';
import { changeStoreSettings } from './change-settings.service.js';
import { ensureStoreSettings } from './index.js';
import { storeSetupNotice } from './setup-notice.js';

const clock = fixedClock('2026-06-01T00:00:00Z');

describeEachStore('what a store says it was set up with', (context) => {
  const cli = { kind: 'cli', dbOption: './my store' } as const;

  it('names a new store\'s settings and how to change them, once, when it is created', async () => {
    const first = await ensureStoreSettings(context.store.db, { currency: 'IDR', timeZone: 'Asia/Jakarta', defaultCountry: 'ID' });
    expect(first.isNew).toBe(true);
    expect(await storeSetupNotice(context.store.db, { isNewStore: true, env: {}, surface: cli })).toEqual([
      'New store: currency IDR, time zone Asia/Jakarta, phone country ID (the defaults); change them with `clientele --db "./my store" settings set --currency <code> --time-zone <zone> --country <code>` '
      + 'before importing orders, or set CLIENTELE_CURRENCY, CLIENTELE_TIMEZONE and CLIENTELE_DEFAULT_COUNTRY before creating a store.',
    ]);
    // opened again, it is no new store, and says nothing unless a variable asks for other settings
    const again = await ensureStoreSettings(context.store.db, { currency: 'EUR', timeZone: 'Europe/Riga', defaultCountry: 'LV' });
    expect({ isNew: again.isNew, currency: again.settings.currency }).toEqual({ isNew: false, currency: 'IDR' });
    expect(await storeSetupNotice(context.store.db, { isNewStore: false, env: { CLIENTELE_CURRENCY: 'idr', CLIENTELE_TIMEZONE: 'asia/jakarta' }, surface: cli })).toEqual([]);
  });

  it('says which settings orders and phone numbers fixed, and on a server how to start a store without the demo', async () => {
    await ingestRecords(context.store.db, 'orders', [{ order_id: 'A1', customer_phone: '0812 3456 7890', ordered_at: '2026-05-01T10:00:00+07:00', amount: '15000' }], { actor: 'test', clock });
    expect(await storeSetupNotice(context.store.db, { isNewStore: true, env: {}, surface: { kind: 'server' } })).toEqual([
      'New store: currency IDR, time zone Asia/Jakarta, phone country ID (the defaults); all three fixed now that the store holds orders and phone numbers '
      + '(for others, start a new store with CLIENTELE_CURRENCY, CLIENTELE_TIMEZONE and CLIENTELE_DEFAULT_COUNTRY set and without the demo: `clientele --db ./my-store serve --no-demo`).',
    ]);
    expect(await storeSetupNotice(context.store.db, { isNewStore: false, env: { CLIENTELE_TIMEZONE: 'Europe/Riga' }, surface: { kind: 'server' } })).toEqual([
      'CLIENTELE_TIMEZONE=Europe/Riga is not used: this store has time zone Asia/Jakarta (the variables set up a new store only); the time zone is fixed now that the store holds orders.',
    ]);
  });
});

describeEachStore('what a new store says of the settings its first command set', (context) => {
  const cli = { kind: 'cli', dbOption: './my store' } as const;

  it('calls settings a command set on the store it created its own, not the defaults', async () => {
    const created = await ensureStoreSettings(context.store.db, { currency: 'IDR', timeZone: 'Asia/Jakarta', defaultCountry: 'ID' });
    await changeStoreSettings(context.store.db, { currency: 'EUR', timeZone: 'Europe/Riga', defaultCountry: 'LV' }, 'test');
    const [line] = await storeSetupNotice(context.store.db, { isNewStore: true, env: {}, surface: cli, createdWith: created.settings });
    expect(line).toMatch(/^New store: currency EUR, time zone Europe\/Riga, phone country LV \(as this command set them\); change them with /);
  });
});

describeEachStore('the settings command a store suggests, pasted into a shell', (context) => {
  const env = { CLIENTELE_CURRENCY: 'EUR', CLIENTELE_TIMEZONE: 'Europe/Riga' };
  const pastedCommand = async (dbOption: string) => {
    const lines = await storeSetupNotice(context.store.db, { isNewStore: false, env, surface: { kind: 'cli', dbOption } });
    return lines.flatMap(backtickedCommands).map(pastedWords);
  };

  it('names a store in a folder with a space, or a URL with ? and &, as one word', async () => {
    await ensureStoreSettings(context.store.db, { currency: 'IDR', timeZone: 'Asia/Jakarta', defaultCountry: 'ID' });
    for (const dbOption of ['/srv/Klienti 2026/veikals', 'postgres://shop@127.0.0.1:5432/shop?sslmode=require&application_name=clientele', "./Anna's $HOME"]) {
      expect(await pastedCommand(dbOption)).toEqual([['clientele', '--db', dbOption, 'settings', 'set', '--currency', 'EUR', '--time-zone', 'Europe/Riga']]);
    }
  });

  it("shows a URL's password as ***, as every command the CLI prints does", async () => {
    await ensureStoreSettings(context.store.db, { currency: 'IDR', timeZone: 'Asia/Jakarta', defaultCountry: 'ID' });
    const [words] = await pastedCommand('postgres://shop:s3cret@127.0.0.1:5432/shop?sslmode=require');
    expect(words).toContain('postgres://shop:***@127.0.0.1:5432/shop?sslmode=require');
    expect(words.join(' ')).not.toContain('s3cret');
  });
});
