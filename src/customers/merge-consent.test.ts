import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import type { Database } from '../db/schema.js';
import { createCustomer } from './customers.service.js';
import { listCustomers } from './list-customers.js';
import { mergeCustomers, undoMerge } from './merge.service.js';

type Consents = { consentEmail: boolean | null; consentSms: boolean | null; consentProfiling: boolean | null; consentWhatsapp?: boolean | null };

async function consentsOf(db: Kysely<Database>, customerIds: number[]) {
  return db.selectFrom('customer').select(['customer_id', 'consent_email', 'consent_sms', 'consent_profiling', 'consent_whatsapp', 'is_stub', 'merged_into_customer_id'])
    .where('customer_id', 'in', customerIds).orderBy('customer_id').execute();
}

async function mergeAuditDetail(db: Kysely<Database>, mergeId: number) {
  const entries = await db.selectFrom('audit_event').select('detail').where('action', '=', 'customer.merge').execute();
  return entries.map((entry) => entry.detail as Record<string, unknown>).find((detail) => detail.mergeId === mergeId);
}

// A person who said no through one of their records said no: a merge must not turn an opt-out into consent.
describeEachStore('consent when merging customers', (context) => {
  async function twoPeople(tag: string, kept: Consents, merged: Consents) {
    const db = context.store.db;
    const keptId = await createCustomer(db, { name: `${tag} Kept`, email: `${tag}.kept@example.com`, ...kept });
    const mergedId = await createCustomer(db, { name: `${tag} Merged`, email: `${tag}.merged@example.com`, ...merged });
    return { keptId, mergedId };
  }

  it('keeps a refusal by the merged customer over the kept customer\'s agreement, and records the consents it lowered', async () => {
    const db = context.store.db;
    const { keptId, mergedId } = await twoPeople('lowered', { consentEmail: true, consentSms: true, consentProfiling: null }, { consentEmail: false, consentSms: false, consentProfiling: true });
    const { mergeId } = await mergeCustomers(db, keptId, mergedId, 'test');

    const [kept] = await consentsOf(db, [keptId]);
    expect(kept).toMatchObject({ consent_email: false, consent_sms: false, consent_profiling: true });
    expect(await mergeAuditDetail(db, mergeId)).toMatchObject({ consentsLowered: ['email', 'sms'] });
    // the support agent's check: whom a campaign may email, searched by the merged customer's address
    const page = await listCustomers(db, { consent: 'email', q: 'lowered.merged@example.com', sort: 'recent', limit: 50 });
    expect(page.items).toEqual([]);
  });

  it('keeps the kept customer\'s refusal over the merged customer\'s agreement, lowering nothing', async () => {
    const db = context.store.db;
    const { keptId, mergedId } = await twoPeople('refused', { consentEmail: false, consentSms: null, consentProfiling: false }, { consentEmail: true, consentSms: true, consentProfiling: true });
    const { mergeId } = await mergeCustomers(db, keptId, mergedId, 'test');

    const [kept] = await consentsOf(db, [keptId]);
    expect(kept).toMatchObject({ consent_email: false, consent_sms: true, consent_profiling: false });
    expect(await mergeAuditDetail(db, mergeId)).not.toHaveProperty('consentsLowered');
  });

  it('restores both customers\' consents exactly as before when the merge is undone', async () => {
    const db = context.store.db;
    const { keptId, mergedId } = await twoPeople('undone', { consentEmail: true, consentSms: true, consentProfiling: null }, { consentEmail: false, consentSms: null, consentProfiling: false });
    const before = await consentsOf(db, [keptId, mergedId]);
    const { mergeId } = await mergeCustomers(db, keptId, mergedId, 'test');
    expect((await consentsOf(db, [keptId]))[0]).toMatchObject({ consent_email: false, consent_sms: true, consent_profiling: false });

    await undoMerge(db, mergeId, 'test');
    expect(await consentsOf(db, [keptId, mergedId])).toEqual(before);
  });

  it('undoes a merge recorded before a refusal won as that merge did it: only the consents it filled go back', async () => {
    const db = context.store.db;
    const { keptId, mergedId } = await twoPeople('recorded', { consentEmail: true, consentSms: null, consentProfiling: null }, { consentEmail: false, consentSms: false, consentProfiling: null });
    // a stub's flag comes back only when the merge's every change is still there: read by the wrong rule, the kept agreement looks edited
    await db.updateTable('customer').set({ is_stub: true }).where('customer_id', '=', keptId).execute();
    const before = await consentsOf(db, [keptId, mergedId]);
    const { mergeId } = await mergeCustomers(db, keptId, mergedId, 'test');
    // what such a merge left: the kept customer's agreement kept, the unanswered SMS consent filled, no rule recorded
    await db.updateTable('customer').set({ consent_email: true }).where('customer_id', '=', keptId).execute();
    const record = await db.selectFrom('customer_merge').select('moved').where('merge_id', '=', mergeId).executeTakeFirstOrThrow();
    const { consentRule: _rule, ...moved } = (typeof record.moved === 'string' ? JSON.parse(record.moved) : record.moved) as Record<string, unknown>;
    await db.updateTable('customer_merge').set({ moved: JSON.stringify(moved) }).where('merge_id', '=', mergeId).execute();

    await undoMerge(db, mergeId, 'test');
    expect(await consentsOf(db, [keptId, mergedId])).toEqual(before);
  });
  it('combines WhatsApp consent as SMS consent: a refusal wins, an unanswered one is filled, the change is recorded and undone', async () => {
    const db = context.store.db;
    const lowered = await twoPeople('wa-lowered', { consentEmail: null, consentSms: null, consentProfiling: null, consentWhatsapp: true }, { consentEmail: null, consentSms: null, consentProfiling: null, consentWhatsapp: false });
    const before = await consentsOf(db, [lowered.keptId, lowered.mergedId]);
    const { mergeId } = await mergeCustomers(db, lowered.keptId, lowered.mergedId, 'test');
    expect((await consentsOf(db, [lowered.keptId]))[0]).toMatchObject({ consent_whatsapp: false });
    expect(await mergeAuditDetail(db, mergeId)).toMatchObject({ consentsLowered: ['whatsapp'] });
    const changes = await db.selectFrom('customer_consent_change').select(['kind', 'granted', 'source'])
      .where('customer_id', '=', lowered.keptId).orderBy('change_id').execute();
    expect(changes).toEqual([{ kind: 'whatsapp', granted: true, source: 'staff' }, { kind: 'whatsapp', granted: false, source: 'merge' }]);
    expect((await listCustomers(db, { consent: 'whatsapp', q: 'wa-lowered.kept@example.com', sort: 'recent', limit: 50 })).items).toEqual([]);
    await undoMerge(db, mergeId, 'test');
    expect(await consentsOf(db, [lowered.keptId, lowered.mergedId])).toEqual(before);

    const filled = await twoPeople('wa-filled', { consentEmail: true, consentSms: null, consentProfiling: null }, { consentEmail: null, consentSms: null, consentProfiling: null, consentWhatsapp: true });
    await mergeCustomers(db, filled.keptId, filled.mergedId, 'test');
    expect((await consentsOf(db, [filled.keptId]))[0]).toMatchObject({ consent_email: true, consent_whatsapp: true });
    expect((await listCustomers(db, { consent: 'whatsapp', q: 'wa-filled.kept@example.com', sort: 'recent', limit: 50 })).items).toHaveLength(1);
  });
});
