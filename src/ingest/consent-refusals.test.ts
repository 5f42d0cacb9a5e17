import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { importDefaults, scratchFiles } from '../../test/helpers/import-files.js';
import { createCustomer, deleteCustomer, updateCustomer } from '../customers/customers.service.js';
import { mergeCustomers, undoMerge } from '../customers/merge.service.js';
import { formatSummary } from '../cli/commands/import-run.js';
import { importFile } from './import-file.service.js';

// A customer who withdrew consent got it back from an older customers file saying yes, with no trace:
// a refusal stands against a file unless the file is the consent authority, and every change is recorded.
const files = scratchFiles('consent-refusals');

describeEachStore('consent refusals against a customers file', (context) => {
  const db = () => context.store.db;
  const importCustomers = (name: string, text: string, options: { consentOverridesRefusals?: boolean } = {}) =>
    importFile(db(), { ...importDefaults, entity: 'customers', file: files.file(name, text), source: 'shop', ...options });
  const consentOf = async (customerId: number) => db().selectFrom('customer').select(['consent_email', 'consent_sms', 'consent_profiling'])
    .where('customer_id', '=', customerId).executeTakeFirstOrThrow();
  const changesOf = async (customerId: number) => (await sql<{ kind: string; granted: boolean | null; source: string; import_run_id: number | null; actor: string | null }>`
    select kind, granted, source, import_run_id, actor from customer_consent_change where customer_id = ${customerId}::bigint order by changed_at, change_id`.execute(db())).rows
    .map((row) => ({ ...row, import_run_id: row.import_run_id === null ? null : Number(row.import_run_id) }));
  const idOf = async (email: string) => Number((await db().selectFrom('customer').select('customer_id').where('email', '=', email).executeTakeFirstOrThrow()).customer_id);

  it('keeps a staff refusal against a yes, counts and says it; the option lets the file\'s yes apply and records it', async () => {
    const first = await importCustomers('first.csv', 'customer_id,email,consent_email,consent_profiling\nC331,ana@example.com,yes,yes\n');
    const customerId = await idOf('ana@example.com');
    expect(await changesOf(customerId)).toEqual([
      { kind: 'email', granted: true, source: 'import', import_run_id: first.importId, actor: null },
      { kind: 'profiling', granted: true, source: 'import', import_run_id: first.importId, actor: null },
    ]);
    await updateCustomer(db(), customerId, { consentEmail: false, consentProfiling: false }, [], { actor: 'cli:staff' });
    expect((await changesOf(customerId)).slice(2)).toEqual([
      { kind: 'email', granted: false, source: 'staff', import_run_id: null, actor: 'cli:staff' },
      { kind: 'profiling', granted: false, source: 'staff', import_run_id: null, actor: 'cli:staff' },
    ]);

    // the old file again: the refusals stand, the row is unchanged, and the summary says so with the option to use
    const again = await importCustomers('again.csv', 'customer_id,email,consent_email,consent_profiling\nC331,ana@example.com,yes,\n');
    expect(again).toMatchObject({ read: 1, updated: 0, unchanged: 1, consentRefusalsKept: 1 });
    expect(await consentOf(customerId)).toEqual({ consent_email: false, consent_sms: null, consent_profiling: false });
    expect(await changesOf(customerId)).toHaveLength(4);
    expect(formatSummary(again)).toContain('consent refusals kept: 1');
    expect(formatSummary(again)).toContain('--consent-overrides-refusals');

    // the file as the consent authority: its yes applies, recorded with its run
    const authority = await importCustomers('authority.csv', 'customer_id,email,consent_email,consent_profiling\nC331,ana@example.com,yes,\n', { consentOverridesRefusals: true });
    expect(authority).toMatchObject({ updated: 1, consentRefusalsKept: 0 });
    expect(formatSummary(authority)).not.toContain('consent refusals kept');
    expect(await consentOf(customerId)).toEqual({ consent_email: true, consent_sms: null, consent_profiling: false });
    expect((await changesOf(customerId)).slice(4)).toEqual([{ kind: 'email', granted: true, source: 'import', import_run_id: authority.importId, actor: null }]);
  });

  it('applies a file\'s no (a withdrawal) and a yes over an unknown; a blank leaves the stored value', async () => {
    await importCustomers('known.csv', 'customer_id,email,consent_email,consent_sms,consent_profiling\nB1,budi@example.com,yes,,\n');
    const customerId = await idOf('budi@example.com');
    const summary = await importCustomers('withdraw.csv', 'customer_id,email,consent_email,consent_sms,consent_profiling\nB1,budi@example.com,no,yes,\n');
    expect(summary).toMatchObject({ updated: 1, consentRefusalsKept: 0 });
    expect(await consentOf(customerId)).toEqual({ consent_email: false, consent_sms: true, consent_profiling: null });
    expect((await changesOf(customerId)).slice(1)).toEqual([
      { kind: 'email', granted: false, source: 'import', import_run_id: summary.importId, actor: null },
      { kind: 'sms', granted: true, source: 'import', import_run_id: summary.importId, actor: null },
    ]);
    // the same file again changes nothing and records nothing
    expect(await importCustomers('withdraw-again.csv', 'customer_id,email,consent_email,consent_sms,consent_profiling\nB1,budi@example.com,no,yes,\n')).toMatchObject({ unchanged: 1, consentRefusalsKept: 0 });
    expect(await changesOf(customerId)).toHaveLength(3);
  });

  it('counts each refusal kept once, whatever the batches the rows of one person fall in', async () => {
    await importCustomers('people.csv', 'customer_id,email,consent_email,consent_sms\nP1,p1@example.com,no,no\nP2,p2@example.com,no,\n');
    // P1's second row names them by a loyalty card sharing their email, in a batch of its own
    const summary = await importFile(db(), {
      ...importDefaults, entity: 'customers', source: 'shop', batchSize: 1,
      file: files.file('people-yes.csv', 'customer_id,external_id.loyalty,email,consent_email,consent_sms\nP1,,p1@example.com,yes,yes\nP2,,p2@example.com,yes,yes\n,L1,p1@example.com,yes,yes\n'),
    });
    expect(summary).toMatchObject({ read: 3, rejected: 0, consentRefusalsKept: 3 });
    expect(await consentOf(await idOf('p1@example.com'))).toMatchObject({ consent_email: false, consent_sms: false });
    expect(await consentOf(await idOf('p2@example.com'))).toMatchObject({ consent_email: false, consent_sms: true });
  });

  it('takes a staff edit\'s change rows with the customer when the customer is deleted', async () => {
    await importCustomers('gone.csv', 'customer_id,email,consent_email\nG1,gone@example.com,yes\n');
    const customerId = await idOf('gone@example.com');
    await updateCustomer(db(), customerId, { consentEmail: null, consentSms: true }, [], { actor: 'user:7' });
    expect((await changesOf(customerId)).slice(1)).toEqual([
      { kind: 'email', granted: null, source: 'staff', import_run_id: null, actor: 'user:7' },
      { kind: 'sms', granted: true, source: 'staff', import_run_id: null, actor: 'user:7' },
    ]);
    // an edit that changes no consent records none
    await updateCustomer(db(), customerId, { consentSms: true, city: 'Rīga' }, [], { actor: 'user:7' });
    expect(await changesOf(customerId)).toHaveLength(3);
    await deleteCustomer(db(), customerId, { actor: 'user:7' });
    expect(await changesOf(customerId)).toEqual([]);
  });

  it('records the consents a person gives a customer they create, and a refusal a merge brings to the kept customer', async () => {
    const kept = await createCustomer(db(), { email: 'kept@example.com', consentEmail: true, consentSms: true }, [], { actor: 'user:3' });
    expect(await changesOf(kept)).toEqual([
      { kind: 'email', granted: true, source: 'staff', import_run_id: null, actor: 'user:3' },
      { kind: 'sms', granted: true, source: 'staff', import_run_id: null, actor: 'user:3' },
    ]);
    const merged = await createCustomer(db(), { email: 'merged@example.com', consentEmail: false, consentSms: true }, [], { actor: 'user:3' });
    const { mergeId } = await mergeCustomers(db(), kept, merged, 'user:4');
    // a refusal wins: the kept customer's email consent falls, recorded as the merge's; sms was the same and records nothing
    expect(await consentOf(kept)).toMatchObject({ consent_email: false, consent_sms: true });
    expect((await changesOf(kept)).slice(2)).toEqual([{ kind: 'email', granted: false, source: 'merge', import_run_id: null, actor: 'user:4' }]);
    // undone, the yes is back, and the latest change says so (not the merge's no)
    await undoMerge(db(), mergeId, 'user:5');
    expect(await consentOf(kept)).toMatchObject({ consent_email: true });
    expect((await changesOf(kept)).slice(3)).toEqual([{ kind: 'email', granted: true, source: 'unmerge', import_run_id: null, actor: 'user:5' }]);
  });
  it('reads WhatsApp consent from a file by its common headers, and treats it as SMS consent: a refusal stands, every change recorded', async () => {
    const headers = ['consent_whatsapp', 'WhatsApp consent', 'whatsapp_consent', 'accepts_whatsapp', 'opt_in_whatsapp', 'Izin: pemasaran WhatsApp'];
    for (const [index, header] of headers.entries()) {
      const email = `wa${index}@example.com`;
      const summary = await importCustomers(`wa-${index}.csv`, `email,name,${header}\n${email},Wati ${index},ya\n`);
      expect(summary).toMatchObject({ read: 1, inserted: 1, rejected: 0 });
      const customerId = await idOf(email);
      expect(await db().selectFrom('customer').select(['consent_whatsapp', 'consent_sms']).where('customer_id', '=', customerId).executeTakeFirstOrThrow())
        .toEqual({ consent_whatsapp: true, consent_sms: null });
      expect(await changesOf(customerId)).toEqual([{ kind: 'whatsapp', granted: true, source: 'import', import_run_id: summary.importId, actor: null }]);
    }
    // a value that is no answer is refused with the field named
    const refused = await importCustomers('wa-bad.csv', 'email,consent_whatsapp\nwa-bad@example.com,maybe\n');
    expect(refused).toMatchObject({ rejected: 1 });
    expect(refused.rejectsSample[0]).toMatchObject({ field: 'consent_whatsapp' });

    // a withdrawal applies; an older file's yes does not bring it back, unless the file is the consent authority
    const customerId = await idOf('wa0@example.com');
    const withdrawn = await importCustomers('wa-no.csv', 'email,consent_whatsapp\nwa0@example.com,tidak\n');
    expect(withdrawn).toMatchObject({ updated: 1, consentRefusalsKept: 0 });
    expect((await consentOf(customerId))).toEqual({ consent_email: null, consent_sms: null, consent_profiling: null });
    const again = await importCustomers('wa-yes.csv', 'email,consent_whatsapp,consent_sms\nwa0@example.com,yes,\n');
    expect(again).toMatchObject({ updated: 0, unchanged: 1, consentRefusalsKept: 1 });
    const stored = async () => (await db().selectFrom('customer').select('consent_whatsapp').where('customer_id', '=', customerId).executeTakeFirstOrThrow()).consent_whatsapp;
    expect(await stored()).toBe(false);
    // a blank leaves it alone
    await importCustomers('wa-blank.csv', 'email,consent_whatsapp\nwa0@example.com,\n');
    expect(await stored()).toBe(false);
    const authority = await importCustomers('wa-authority.csv', 'email,consent_whatsapp\nwa0@example.com,yes\n', { consentOverridesRefusals: true });
    expect(authority).toMatchObject({ updated: 1, consentRefusalsKept: 0 });
    expect(await stored()).toBe(true);
    expect((await changesOf(customerId)).slice(1)).toEqual([
      { kind: 'whatsapp', granted: false, source: 'import', import_run_id: withdrawn.importId, actor: null },
      { kind: 'whatsapp', granted: true, source: 'import', import_run_id: authority.importId, actor: null },
    ]);
    // a staff edit is recorded too
    await updateCustomer(db(), customerId, { consentWhatsapp: null }, [], { actor: 'cli:staff' });
    expect((await changesOf(customerId)).at(-1)).toEqual({ kind: 'whatsapp', granted: null, source: 'staff', import_run_id: null, actor: 'cli:staff' });
  });
});
