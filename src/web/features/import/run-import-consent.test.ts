import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { signInAs, type TestSession } from '../../../../test/helpers/auth.js';
import { describeEachStore } from '../../../../test/helpers/stores.js';
import { answerPageRequestsWith } from '../../../../test/helpers/page-requests.js';
import { fixedClock } from '../../../core/clock.js';
import { updateCustomer } from '../../../customers/customers.service.js';
import { buildApp } from '../../../server/app.js';
import { ApiError, setCsrfToken } from '../../api/client.js';
import { suggestMapping } from './import-mapping.js';
import { toLineRecords } from './import-rows.js';
import { readCsvText } from './parse-csv.js';
import { runImport } from './run-import.js';

// The web import never sent consentOverridesRefusals and never said what became of the refused
// consents: a file's yes over a customer's no was silently kept no, and an owner could not send the
// file as the consent authority. The page's own requests, answered by the real server.
describeEachStore('the web import of consents a customer refused', (context) => {
  let app: FastifyInstance;
  let session: TestSession;
  let admin: TestSession;
  let marketer: TestSession;
  let customerId: number;
  const clock = fixedClock(new Date());

  const consents = async () => (await context.store.db.selectFrom('customer').select(['consent_email', 'consent_sms']).where('customer_id', '=', customerId).executeTakeFirstOrThrow());
  const overrideEntries = async () => Number((await sql<{ count: number }>`select count(*)::int as count from audit_event where action = 'consent.override'`.execute(context.store.db)).rows[0].count);
  const latestRun = async () => (await sql<{ consent_overrides_refusals: boolean; status: string }>`
    select consent_overrides_refusals, status from import_run order by import_id desc limit 1`.execute(context.store.db)).rows[0];
  const signInWeb = (as: TestSession) => {
    session = as;
    setCsrfToken(as.csrfToken);
  };
  const importFile = (consentOverridesRefusals: boolean) => {
    const csv = readCsvText('customer_id,email,consent_email,consent_sms\nR1,rita@example.com,yes,yes\n', 'crm-consents.csv');
    const rows = toLineRecords(csv, suggestMapping('customers', csv.headers, csv.rows).mapping, { entity: 'customers' });
    return runImport({ entity: 'customers', source: 'shop', dateFormat: null, fileName: csv.fileName, consentOverridesRefusals }, rows, () => {}, new AbortController().signal);
  };

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock });
    admin = await signInAs(context.store, 'admin');
    marketer = await signInAs(context.store, 'marketer');
    answerPageRequestsWith(app, () => session.headers.cookie);
    const created = await app.inject({ method: 'POST', url: '/api/ingest/customers', headers: admin.headers, payload: { source: 'shop', records: [{ customer_id: 'R1', email: 'rita@example.com', consent_email: 'yes', consent_sms: 'yes' }] } });
    expect(created.statusCode).toBe(200);
    customerId = Number((await context.store.db.selectFrom('customer').select('customer_id').where('email', '=', 'rita@example.com').executeTakeFirstOrThrow()).customer_id);
    await updateCustomer(context.store.db, customerId, { consentEmail: false, consentSms: false }, [], { actor: 'cli:staff' });
  });
  afterAll(async () => {
    vi.unstubAllGlobals();
    setCsrfToken(null);
    await app?.close();
  });

  it('keeps the refusals of a file imported without the override, and counts them', async () => {
    signInWeb(marketer);
    const totals = await importFile(false);
    expect(totals).toMatchObject({ read: 1, rejected: 0, consentRefusalsKept: 2, consentRefusalsOverridden: 0, isConsentAuthority: false, ending: 'completed' });
    expect(await consents()).toEqual({ consent_email: false, consent_sms: false });
    expect((await latestRun()).consent_overrides_refusals).toBe(false);
  });

  it('is refused for a marketer asking for the override, and nothing of the file is imported', async () => {
    signInWeb(marketer);
    const before = await overrideEntries();
    const refused = await importFile(true).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ status: 403, code: 'AUTH_FORBIDDEN', field: 'consentOverridesRefusals' });
    expect(await consents()).toEqual({ consent_email: false, consent_sms: false });
    expect(await overrideEntries()).toBe(before);
  });

  it('sends an admin\'s file as the consent authority: its yes replaces the refusals, counted, on the run and in the audit log', async () => {
    signInWeb(admin);
    const before = await overrideEntries();
    const totals = await importFile(true);
    expect(totals).toMatchObject({ read: 1, rejected: 0, consentRefusalsKept: 0, consentRefusalsOverridden: 2, isConsentAuthority: true, ending: 'completed' });
    expect(await consents()).toEqual({ consent_email: true, consent_sms: true });
    expect(await latestRun()).toEqual({ consent_overrides_refusals: true, status: 'completed' });
    expect(await overrideEntries()).toBe(before + 1);
  });
});
