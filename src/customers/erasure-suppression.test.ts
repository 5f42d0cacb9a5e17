import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { importDefaults, scratchFiles } from '../../test/helpers/import-files.js';
import { importFile } from '../ingest/import-file.service.js';
import { getCustomer } from './customers.queries.js';
import { createCustomer, deleteCustomer, updateCustomer } from './customers.service.js';
import { removeErasureSuppression } from './erasure-suppression.service.js';
import { exportCustomerData } from './subject-export.js';
import { createSegment } from '../segments/segments.service.js';
import { fixedClock } from '../core/clock.js';

// An erased person still in a shop's nightly export came back with the feed's yes, contactable again:
// their email and phone are kept as keyed digests, and whoever matches them is recorded with consents refused.
const files = scratchFiles('erasure-suppression');

describeEachStore('erasure suppression', (context) => {
  const db = () => context.store.db;
  const importCustomers = (name: string, text: string, options: { consentOverridesRefusals?: boolean } = {}) =>
    importFile(db(), { ...importDefaults, entity: 'customers', file: files.file(name, text), source: 'shop', ...options });
  const idOf = async (kind: 'email' | 'phone', value: string) => Number((await db().selectFrom('customer_identity').select('customer_id')
    .where('kind', '=', kind).where('value', '=', value).executeTakeFirstOrThrow()).customer_id);
  const consentOf = async (customerId: number) => db().selectFrom('customer').select(['consent_email', 'consent_sms', 'consent_whatsapp', 'consent_profiling'])
    .where('customer_id', '=', customerId).executeTakeFirstOrThrow();
  const refused = { consent_email: false, consent_sms: false, consent_whatsapp: false, consent_profiling: false };
  const latestSources = async (customerId: number) => (await sql<{ kind: string; granted: boolean; source: string }>`
    select distinct on (kind) kind, granted, source from customer_consent_change where customer_id = ${customerId}::bigint
    order by kind, changed_at desc, change_id desc`.execute(db())).rows;
  const yesFile = (email: string) => `customer_id,email,consent_email,consent_sms,consent_whatsapp,consent_profiling\n,${email},yes,yes,yes,yes\n`;

  it('brings an erased person back from a feed with every consent refused, the suppression named as the reason; a later yes does not undo it', async () => {
    await importCustomers('first.csv', yesFile('gone@example.com'));
    const first = await idOf('email', 'gone@example.com');
    const counts = await deleteCustomer(db(), first, { actor: 'cli:staff' });
    expect(counts.suppressedIdentities).toBe(1);
    const audit = await db().selectFrom('audit_event').select('detail').where('action', '=', 'customer.delete').where('entity_id', '=', String(first)).executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ suppressedIdentities: 1, suppressionKept: true });

    const again = await importCustomers('again.csv', yesFile('gone@example.com'));
    expect(again).toMatchObject({ inserted: 1 });
    const back = await idOf('email', 'gone@example.com');
    expect(back).not.toBe(first);
    expect(await consentOf(back)).toEqual(refused);
    expect(await latestSources(back)).toEqual(['email', 'profiling', 'sms', 'whatsapp'].map((kind) => ({ kind, granted: false, source: 'suppression' })));
    // what the consent card reads
    expect((await getCustomer(db(), back)).consents.email).toMatchObject({ source: 'suppression' });

    await importCustomers('third.csv', yesFile('gone@example.com'));
    expect(await consentOf(back)).toEqual(refused);
    // the subject access export says a suppression entry matches, and nothing more of it
    expect((await exportCustomerData(db(), back)).erasureSuppression).toEqual({ matches: true });
  });

  it('lets the consents follow the feed when the erasure kept no suppression entry', async () => {
    await importCustomers('skip-first.csv', yesFile('skip@example.com'));
    const first = await idOf('email', 'skip@example.com');
    expect((await deleteCustomer(db(), first, { actor: 'cli:staff', suppress: false })).suppressedIdentities).toBe(0);
    const audit = await db().selectFrom('audit_event').select('detail').where('action', '=', 'customer.delete').where('entity_id', '=', String(first)).executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ suppressedIdentities: 0, suppressionKept: false });
    await importCustomers('skip-again.csv', yesFile('skip@example.com'));
    const back = await idOf('email', 'skip@example.com');
    expect(await consentOf(back)).toEqual({ consent_email: true, consent_sms: true, consent_whatsapp: true, consent_profiling: true });
    expect((await exportCustomerData(db(), back)).erasureSuppression).toEqual({ matches: false });
  });

  it('matches a phone however it is written, through an orders feed, a customers file and a staff edit', async () => {
    const first = await createCustomer(db(), { name: 'Budi', phone: '+62 812-3456-7802', consentSms: true }, [], { actor: 'cli:staff' });
    await deleteCustomer(db(), first, { actor: 'cli:staff' });
    // an order by the local number creates a stub, already refused
    await importFile(db(), { ...importDefaults, entity: 'orders', source: 'shop', file: files.file('orders.csv', 'order_id,phone,ordered_at,total\nO-77,0812 3456 7802,2024-05-01,150000\n') });
    const stub = await idOf('phone', '+6281234567802');
    expect(await consentOf(stub)).toEqual(refused);
    await importCustomers('phone.csv', 'customer_id,phone,consent_sms\n,(0812) 3456-7802,yes\n');
    expect(await consentOf(stub)).toEqual(refused);

    // staff giving a known customer that phone again: refused on the edit
    const other = await createCustomer(db(), { name: 'Other', email: 'other-phone@example.com', consentSms: true }, [], { actor: 'cli:staff' });
    await db().deleteFrom('customer_identity').where('customer_id', '=', stub).execute();
    await updateCustomer(db(), other, { phone: '0812 3456 7802' }, [], { actor: 'cli:staff' });
    expect(await consentOf(other)).toEqual(refused);
  });

  it('refuses a customer created by staff with a suppressed email, and a removed entry lets a feed\'s yes apply again (audited)', async () => {
    const first = await createCustomer(db(), { email: 'Back.Again@Example.com' }, [], { actor: 'cli:staff' });
    await deleteCustomer(db(), first, { actor: 'cli:staff' });
    const created = await createCustomer(db(), { email: 'back.again@example.com', consentEmail: true }, [], { actor: 'cli:staff' });
    expect(await consentOf(created)).toEqual(refused);
    await deleteCustomer(db(), created, { actor: 'cli:staff', suppress: false });

    await expect(removeErasureSuppression(db(), { kind: 'email', value: 'nobody@example.com' }, { actor: 'cli:staff' })).rejects.toMatchObject({ code: 'ERASURE_SUPPRESSION_NOT_FOUND' });
    expect(await removeErasureSuppression(db(), { kind: 'email', value: ' BACK.AGAIN@example.com ' }, { actor: 'cli:staff' })).toEqual({ kind: 'email', removed: true });
    const entry = await db().selectFrom('audit_event').select(['detail', 'entity_id']).where('action', '=', 'erasure-suppression.remove').executeTakeFirstOrThrow();
    expect(entry).toEqual({ detail: { kind: 'email' }, entity_id: null });
    await importCustomers('removed.csv', yesFile('back.again@example.com'));
    expect(await consentOf(await idOf('email', 'back.again@example.com'))).toEqual({ consent_email: true, consent_sms: true, consent_whatsapp: true, consent_profiling: true });
  });

  it('refuses no one for a rejected row: an order row of a known customer carrying an erased email, rejected, leaves their consents as they were', async () => {
    await importCustomers('known.csv', 'customer_id,email,consent_email,consent_sms\nK-1,known@example.com,yes,yes\nK-2,owner-of-order@example.com,yes,yes\n');
    const known = await idOf('email', 'known@example.com');
    await importCustomers('erased.csv', 'customer_id,email\nE-1,erased.row@example.com\n');
    await deleteCustomer(db(), await idOf('email', 'erased.row@example.com'), { actor: 'cli:staff' });
    const importOrders = (name: string, text: string) => importFile(db(), { ...importDefaults, entity: 'orders', source: 'shop', file: files.file(name, text) });
    await importOrders('first-order.csv', 'order_id,customer_id,ordered_at,total\nR-1,K-2,2024-05-01,1000\n');
    // the same order id for another customer is refused: the row, and the email it brought, write nothing
    const summary = await importOrders('rejected-order.csv', 'order_id,customer_id,email,ordered_at,total\nR-1,K-1,erased.row@example.com,2024-05-02,2000\n');
    expect(summary).toMatchObject({ rejected: 1 });
    expect(await db().selectFrom('customer_identity').select('customer_id').where('value', '=', 'erased.row@example.com').execute()).toEqual([]);
    expect(await consentOf(known)).toMatchObject({ consent_email: true, consent_sms: true });
    expect((await latestSources(known)).map((change) => change.source)).not.toContain('suppression');

    // the same email on a row that is kept refuses them
    await importOrders('kept-order.csv', 'order_id,customer_id,email,ordered_at,total\nR-2,K-1,erased.row@example.com,2024-05-03,3000\n');
    expect(await consentOf(known)).toEqual(refused);
  });

  it('takes a customer given an erased email by a staff edit out of the segments of those who agreed, as their consents change', async () => {
    const clock = fixedClock('2024-06-01T00:00:00Z');
    const first = await createCustomer(db(), { email: 'segment.gone@example.com' }, [], { actor: 'cli:staff' });
    await deleteCustomer(db(), first, { actor: 'cli:staff' });
    const kept = await createCustomer(db(), { name: 'Agreed', consentEmail: true }, [], { actor: 'cli:staff', clock });
    const { segment } = await createSegment(db(), { name: 'Email agreed', filter: { field: 'consent_email', op: 'eq', value: true } }, { actor: 'test', clock });
    const members = async () => (await db().selectFrom('segment_member').select('customer_id').where('segment_id', '=', segment.segment_id).execute()).map((row) => Number(row.customer_id));
    expect(await members()).toContain(kept);
    // only an identity sent: no profile field written, yet their consents (and so the segment) change
    await updateCustomer(db(), kept, {}, [{ kind: 'email', value: 'segment.gone@example.com' }], { actor: 'cli:staff', clock });
    expect(await consentOf(kept)).toEqual(refused);
    expect(await members()).not.toContain(kept);
  });

  it('holds no plain identity: keyed digests only, not a hash anyone could make from a list of emails', async () => {
    await importCustomers('plain.csv', 'customer_id,name,email,phone\nP-1,Plain Person,plain@example.com,+62 812 3456 7899\n');
    await deleteCustomer(db(), await idOf('email', 'plain@example.com'), { actor: 'cli:staff' });
    const rows = (await sql<{ row: string; digest: string }>`select row_to_json(e)::text as row, encode(digest, 'hex') as digest from erasure_suppression e`.execute(db())).rows;
    const text = rows.map((row) => row.row).join('\n');
    for (const plain of ['plain@example.com', '6281234567899', 'Plain Person', 'P-1']) expect(text).not.toContain(plain);
    const unkeyed = ['plain@example.com', '+6281234567899', 'email\nplain@example.com', 'phone\n+6281234567899']
      .flatMap((value) => [createHash('sha256').update(value).digest('hex'), createHash('md5').update(value).digest('hex')]);
    for (const row of rows) expect(unkeyed).not.toContain(row.digest);
    expect(Object.keys(JSON.parse(rows[0].row)).sort()).toEqual(['digest', 'erased_at', 'kind']);
  });
});
