import { readFileSync, rmSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { importDefaults, scratchFiles } from '../../test/helpers/import-files.js';
import { importFile } from './import-file.service.js';

// A marketplace seller gets no customers file: the order export's address columns are the only
// place they learn where a buyer lives. Read, every marketplace buyer had no city, and the city and
// region breakdowns, segments and personas were empty for them.
const files = scratchFiles('buyer-place');
afterAll(() => rmSync(files.directory, { recursive: true, force: true }));
const fixtures = new URL('../../test/fixtures/ingest/', import.meta.url);
const fixture = (name: string) => new URL(name, fixtures).pathname;

type Place = { city: string | null; region: string | null; country: string | null };

describeEachStore('the buyer\'s place from a marketplace export', (context) => {
  const db = () => context.store.db;
  const placesBy = async (kind: 'external' | 'phone', namespace: string) => (await sql<Place & { value: string; is_stub: boolean }>`
    select i.value, c.city, c.region, c.country, c.is_stub from customer_identity i join customer c on c.customer_id = i.customer_id
    where i.kind = ${kind} and (${kind} = 'phone' or i.namespace = ${namespace}) order by i.value`.execute(db())).rows;
  const profiles = async () => (await sql`select customer_id, name, city, region, country, updated_at from customer order by customer_id`.execute(db())).rows;

  it('gives each Shopee buyer the city and province of their order, as written', async () => {
    const summary = await importFile(db(), { ...importDefaults, entity: 'orders', file: fixture('shopee-orders.csv'), preset: 'shopee-orders' });
    expect(summary.inserted).toBeGreaterThan(4);
    expect(await placesBy('external', 'shopee')).toEqual(expect.arrayContaining([
      { value: 'andi_w', city: 'KOTA SURABAYA', region: 'JAWA TIMUR', country: null, is_stub: true },
      { value: 'budi_s88', city: 'KOTA JAKARTA SELATAN', region: 'DKI JAKARTA', country: null, is_stub: true },
      { value: 'sari.dewi', city: 'KOTA BANDUNG', region: 'JAWA BARAT', country: null, is_stub: true },
    ]));
  });

  it('gives each Tokopedia buyer the city and province their invoices were delivered to, two buyers of one name each their own', async () => {
    await importFile(db(), { ...importDefaults, entity: 'orders', file: fixture('tokopedia-orders.csv'), preset: 'tokopedia-orders' });
    expect(await placesBy('phone', '')).toEqual(expect.arrayContaining([
      { value: '+6281234567890', city: 'Jakarta Selatan', region: 'DKI Jakarta', country: null, is_stub: true },
      { value: '+6281398765432', city: 'Semarang', region: 'Jawa Tengah', country: null, is_stub: true },
      { value: '+6285711223344', city: 'Yogyakarta', region: 'DI Yogyakarta', country: null, is_stub: true },
    ]));
  });

  it('changes nothing when both exports are imported again: the same summary, the same profiles', async () => {
    const before = await profiles();
    const again = async () => {
      const shopee = await importFile(db(), { ...importDefaults, entity: 'orders', file: fixture('shopee-orders.csv'), preset: 'shopee-orders' });
      const tokopedia = await importFile(db(), { ...importDefaults, entity: 'orders', file: fixture('tokopedia-orders.csv'), preset: 'tokopedia-orders' });
      const counts = ({ read, inserted, updated, unchanged, rejected, orders }: typeof shopee) => ({ read, inserted, updated, unchanged, rejected, orders });
      return [counts(shopee), counts(tokopedia)];
    };
    const [first, second] = [await again(), await again()];
    expect(first).toEqual(second);
    expect(first.map((counts) => [counts.inserted, counts.updated])).toEqual([[0, 0], [0, 0]]);
    expect(await profiles()).toEqual(before);
  });

  it('keeps the place first given when a later export says the buyer moved', async () => {
    const moved = readFileSync(fixture('shopee-orders.csv'), 'utf8').replaceAll('KOTA BANDUNG,JAWA BARAT', 'KOTA BOGOR,JAWA BARAT');
    await importFile(db(), { ...importDefaults, entity: 'orders', file: files.file('shopee-moved.csv', moved), preset: 'shopee-orders' });
    expect(await placesBy('external', 'shopee')).toContainEqual({ value: 'sari.dewi', city: 'KOTA BANDUNG', region: 'JAWA BARAT', country: null, is_stub: true });
  });

  it('gives a Tokopedia gift\'s address to no one: the buyer\'s place is not known from it', async () => {
    const [header, first] = readFileSync(fixture('tokopedia-orders.csv'), 'utf8').split('\n');
    const gift = first.replace('INV/20251105/MPL/3782910374', 'INV/20251120/MPL/3782919999').replace('081234567890', '081299990000')
      .replace('Budi Santoso,0812****7890', 'Ibu Sri,0812****1111');
    await importFile(db(), { ...importDefaults, entity: 'orders', file: files.file('tokopedia-gift.csv', `${header}\n${gift}\n`), preset: 'tokopedia-orders' });
    expect(await placesBy('phone', '')).toContainEqual({ value: '+6281299990000', city: null, region: null, country: null, is_stub: true });
  });
});

describeEachStore('the buyer\'s place from an orders file beside a customers file', (context) => {
  const db = () => context.store.db;
  const placeOf = async (email: string) => (await sql<Place & { is_stub: boolean }>`
    select c.city, c.region, c.country, c.is_stub from customer_identity i join customer c on c.customer_id = i.customer_id
    where i.kind = 'email' and i.value = ${email}`.execute(db())).rows[0];
  const orders = (name: string, rows: string[]) =>
    files.file(name, ['order_id,customer_email,customer_city,customer_region,customer_country,ordered_at,amount', ...rows].join('\n'));
  const customers = (name: string, rows: string[]) => files.file(name, ['email,city,region,country', ...rows].join('\n'));

  it('never changes the place of a customer a customers file describes, even where it left a field empty', async () => {
    expect(await importFile(db(), { ...importDefaults, entity: 'customers', file: customers('described.csv', ['anna@place.lv,Rīga,,']) })).toMatchObject({ inserted: 1 });
    const summary = await importFile(db(), { ...importDefaults, entity: 'orders', file: orders('described-orders.csv', ['D-1,anna@place.lv,Jūrmala,Pierīga,LV,2026-03-01,10.00']) });
    expect(summary).toMatchObject({ inserted: 1, rejected: 0 });
    expect(await placeOf('anna@place.lv')).toEqual({ city: 'Rīga', region: null, country: null, is_stub: false });
  });

  it('gives a buyer first known from an order its place, the country as its code, and a customers file then completing them wins where it gives one', async () => {
    const file = orders('stub-orders.csv', ['S-1,budi@place.id,Bandung,Jawa Barat,Indonesia,2026-03-01,10.00']);
    expect(await importFile(db(), { ...importDefaults, entity: 'orders', file })).toMatchObject({ inserted: 1, rejected: 0 });
    expect(await placeOf('budi@place.id')).toEqual({ city: 'Bandung', region: 'Jawa Barat', country: 'ID', is_stub: true });

    // the customers file's city wins, its empty region and country leave the order's
    expect(await importFile(db(), { ...importDefaults, entity: 'customers', file: customers('completing.csv', ['budi@place.id,Jakarta,,']) })).toMatchObject({ updated: 1 });
    expect(await placeOf('budi@place.id')).toEqual({ city: 'Jakarta', region: 'Jawa Barat', country: 'ID', is_stub: false });
    // described now: a later order changes nothing
    await importFile(db(), { ...importDefaults, entity: 'orders', file: orders('later-orders.csv', ['S-2,budi@place.id,Medan,Sumatera Utara,ID,2026-04-01,10.00']) });
    expect(await placeOf('budi@place.id')).toEqual({ city: 'Jakarta', region: 'Jawa Barat', country: 'ID', is_stub: false });
  });

  it('fills only the empty fields of a buyer known from earlier orders, from the first order stored that gives a place', async () => {
    const withoutPlace = files.file('no-place.csv', ['order_id,customer_email,ordered_at,amount', 'E-1,ilze@place.lv,2026-03-01,10.00', 'E-2,eva@place.lv,2026-03-01,10.00'].join('\n'));
    await importFile(db(), { ...importDefaults, entity: 'orders', file: withoutPlace });
    const cityOnly = files.file('city-only.csv', ['order_id,customer_email,customer_city,ordered_at,amount', 'E-3,eva@place.lv,Liepāja,2026-03-02,10.00'].join('\n'));
    await importFile(db(), { ...importDefaults, entity: 'orders', file: cityOnly });
    expect(await placeOf('eva@place.lv')).toEqual({ city: 'Liepāja', region: null, country: null, is_stub: true });

    const file = orders('filling.csv', [
      'E-4,ilze@place.lv,,,,2026-03-03,10.00', 'E-5,ilze@place.lv,Cēsis,Vidzeme,LV,2026-03-04,10.00', 'E-6,ilze@place.lv,Valmiera,,,2026-03-05,10.00',
      'E-7,eva@place.lv,Rīga,Kurzeme,lv,2026-03-04,10.00',
    ]);
    expect(await importFile(db(), { ...importDefaults, entity: 'orders', file })).toMatchObject({ inserted: 4, rejected: 0 });
    expect(await placeOf('ilze@place.lv')).toEqual({ city: 'Cēsis', region: 'Vidzeme', country: 'LV', is_stub: true });
    expect(await placeOf('eva@place.lv')).toEqual({ city: 'Liepāja', region: 'Kurzeme', country: 'LV', is_stub: true });
  });

  it('never gives the buyer\'s place to a gift\'s recipient, new or known', async () => {
    await importFile(db(), { ...importDefaults, entity: 'orders', file: files.file('known-recipient.csv', ['order_id,customer_email,ordered_at,amount', 'G-0,known@gift.lv,2026-03-01,10.00'].join('\n')) });
    const file = files.file('gifts.csv', [
      'order_id,customer_email,customer_city,customer_country,recipient_email,ordered_at,amount',
      'G-1,giver@gift.lv,Ogre,LV,new@gift.lv,2026-03-02,10.00', 'G-2,giver@gift.lv,Ogre,LV,known@gift.lv,2026-03-03,10.00',
    ].join('\n'));
    expect(await importFile(db(), { ...importDefaults, entity: 'orders', file })).toMatchObject({ inserted: 2, rejected: 0 });
    expect(await placeOf('giver@gift.lv')).toEqual({ city: 'Ogre', region: null, country: 'LV', is_stub: true });
    expect(await placeOf('new@gift.lv')).toEqual({ city: null, region: null, country: null, is_stub: true });
    expect(await placeOf('known@gift.lv')).toEqual({ city: null, region: null, country: null, is_stub: true });
  });

  it('stores an order whose buyer\'s country is not recognised, without a country', async () => {
    const summary = await importFile(db(), { ...importDefaults, entity: 'orders', file: orders('unknown-country.csv', ['U-1,ron@place.ie,Dublin,,EIRE,2026-03-01,10.00']) });
    expect(summary).toMatchObject({ inserted: 1, rejected: 0 });
    expect(await placeOf('ron@place.ie')).toEqual({ city: 'Dublin', region: null, country: null, is_stub: true });
  });

  it('counts a row repeating its order with another place as a repeat, the first row\'s place kept', async () => {
    const file = orders('repeated.csv', ['P-1,tia@place.lv,Talsi,,LV,2026-03-01,10.00', 'P-1,tia@place.lv,Tukums,Kurzeme,Latvia,2026-03-01,10.00', 'P-1,tia@place.lv,,,,2026-03-01,10.00']);
    expect(await importFile(db(), { ...importDefaults, entity: 'orders', file })).toMatchObject({ inserted: 1, unchanged: 2, rejected: 0 });
    expect(await placeOf('tia@place.lv')).toEqual({ city: 'Talsi', region: null, country: 'LV', is_stub: true });
  });

  it('gives a buyer the batch created the place of the orders stored, not of an order of theirs rejected', async () => {
    await importFile(db(), { ...importDefaults, entity: 'orders', file: orders('taken.csv', ['R-1,owner@place.ee,Tartu,,EE,2026-03-01,10.00', 'R-2,owner@place.ee,,,,2026-03-01,10.00']) });
    // are another customer's orders: both rows are rejected, and the orders after them land
    const file = orders('new-buyers.csv', ['R-1,vera@place.ee,Wrongtown,,FI,2026-03-02,10.00', 'R-3,vera@place.ee,Pärnu,Pärnumaa,EE,2026-03-03,12.00',
      'R-2,ivo@place.ee,Wrongtown,,FI,2026-03-02,10.00', 'R-4,ivo@place.ee,,,,2026-03-03,12.00']);
    expect(await importFile(db(), { ...importDefaults, entity: 'orders', file })).toMatchObject({ inserted: 2, rejected: 2 });
    expect(await placeOf('vera@place.ee')).toEqual({ city: 'Pärnu', region: 'Pärnumaa', country: 'EE', is_stub: true });
    expect(await placeOf('ivo@place.ee')).toEqual({ city: null, region: null, country: null, is_stub: true });
    expect(await placeOf('owner@place.ee')).toEqual({ city: 'Tartu', region: null, country: 'EE', is_stub: true });
  });
});
