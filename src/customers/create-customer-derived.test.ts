import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { systemClock } from '../core/clock.js';
import type { Database } from '../db/schema.js';
import { analyze, listCustomersByType, reportTypes } from '../analytics/index.js';
import { ingestRecords } from '../ingest/ingest-batch.service.js';
import { createCustomer } from './customers.service.js';

// created_at is the real time of the insert: the clock must not be before it, or no analysis would know them yet
const clock = systemClock;

async function typeStateOf(db: Kysely<Database>, customerId: number) {
  const row = await db.selectFrom('customer_type').select(['types', 'primary_type', 'numbers']).where('customer_id', '=', customerId).executeTakeFirst();
  const spells = await db.selectFrom('customer_type_history').select('type').where('customer_id', '=', customerId).where('left_at', 'is', null).execute();
  return { row: row ?? null, openSpells: spells.map((spell) => spell.type).sort() };
}

describeEachStore('a customer created one at a time (POST /api/customers, clientele customers create)', (context) => {
  it('has no type while the store has never been analysed, as imported customers have none', async () => {
    const db = context.store.db;
    const customerId = await createCustomer(db, { name: 'Early Lead', email: 'early.lead@example.com' }, [], { clock });
    expect(await typeStateOf(db, customerId)).toEqual({ row: null, openSpells: [] });
  });

  it('is a lead at once in an analysed store, as an import of them would make them and as the next full analysis agrees', async () => {
    const db = context.store.db;
    const order = (id: string, email: string, day: string) => ({ order_id: id, customer_email: email, ordered_at: `${day}T10:00:00+07:00`, channel: 'web', amount: '150000' });
    await ingestRecords(db, 'orders', [order('B1', 'buyer@example.com', '2026-01-05'), order('B2', 'buyer@example.com', '2026-02-05')], { actor: 'test', clock });
    await analyze(db, { clock });
    const before = await reportTypes(db);

    const lead = await createCustomer(db, { name: 'New Lead', email: 'new.lead@example.com' }, [], { clock });

    const created = await typeStateOf(db, lead);
    expect(created.row).toMatchObject({ types: ['lead'], primary_type: 'lead' });
    expect(created.openSpells).toEqual(['lead']);
    expect((await reportTypes(db)).customers).toBe(before.customers + 1);
    expect((await listCustomersByType(db, 'lead')).customers.map((row) => row.customerId)).toContain(lead);
    // what an import of the same customer gets
    await ingestRecords(db, 'customers', [{ customer_id: 'IL1', email: 'imported.lead@example.com', name: 'Imported Lead' }], { actor: 'test', clock });
    const imported = await db.selectFrom('customer').select('customer_id').where('email', '=', 'imported.lead@example.com').executeTakeFirstOrThrow();
    const importedState = await typeStateOf(db, imported.customer_id);
    expect(importedState).toEqual(created);

    await analyze(db, { clock });
    expect(await typeStateOf(db, lead)).toEqual(created);
  });
});
