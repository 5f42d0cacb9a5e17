import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../../test/helpers/stores.js';
import { importDefaults, scratchFiles } from '../../../test/helpers/import-files.js';
import { fixedClock } from '../../core/clock.js';
import { importFile } from '../../ingest/import-file.service.js';
import { createSegment } from '../../segments/index.js';
import { writeMembersCsv } from './segments-csv.js';

// Klaviyo and Braze sync predictions as profile fields; the members file had none of them.
const files = scratchFiles('member-predictions');
const clock = fixedClock('2026-07-01T00:00:00Z');

describeEachStore('the segment members file for a campaign tool', (context) => {
  const db = () => context.store.db;

  beforeAll(async () => {
    // numbers far above the sequence's, which the import takes its new customers' from
    await sql`insert into customer (customer_id, kind, name, email, city, consent_email, consent_profiling) values
      (101, 'person', 'Ana', 'ana@example.com', 'Jakarta', true, true), (102, 'person', 'Budi', 'budi@example.com', 'Jakarta', true, null)`.execute(db());
    const fit = await db().insertInto('model_fit').values({
      model: 'bgnbd', unit: 'week', calibration_end: '2026-06-30', params: '{}', log_likelihood: 0, converged: true, iterations: 1, gradient_norm: 0, bic: 0, customers: 1,
    }).returning('model_fit_id').executeTakeFirstOrThrow();
    await db().insertInto('customer_prediction').values({
      customer_id: 101, model_fit_id: Number(fit.model_fit_id), p_alive: 0.75, expected_purchases_90d: 1, clv_minor: 123456, clv_horizon_days: 365, next_purchase_day: '2026-07-10', churn_risk: 'medium', as_of: '2026-06-30',
    }).execute();
    await sql`insert into persona_model (model_id, discovered_at, k, sample_size, population, feature_spec, candidates) values (1, ${clock.now()}, 1, 1, 1, '{}', '[]')`.execute(db());
    await sql`insert into persona (persona_id, model_id, name, generated_name, centroid, profile) values (1, 1, 'Bargain hunters', 'g1', '{0}', '{}')`.execute(db());
    await sql`insert into customer_persona (customer_id, persona_id, distance, assigned_at) values (101, 1, 0, ${clock.now()})`.execute(db());
    await createSegment(db(), { name: 'Jakarta', filter: { field: 'city', op: 'eq', value: 'Jakarta' } }, { actor: 'test', clock });
  });

  it('has predicted CLV, P(alive), churn risk and persona columns, empty where nothing was predicted, and still imports again as a customers file', async () => {
    const file = join(files.directory, 'members.csv');
    await writeMembersCsv(db(), 'Jakarta', file, { currency: 'USD', timeZone: 'UTC' });
    // no cell here holds a comma or a quote
    const [header, ...rows] = (await readFile(file, 'utf8')).slice(1).trimEnd().split('\r\n').map((line) => line.split(','));
    const cellsOf = (row: string[]) => Object.fromEntries(header.map((name, index) => [name, row[index]]));
    // after the consents, WhatsApp's among them, as in the web app's file
    expect(header.slice(-10)).toEqual(['consent_email', 'consent_sms', 'consent_profiling', 'consent_whatsapp', 'entered_at', 'clv (USD)', 'clv_minor', 'p_alive', 'churn_risk', 'persona']);
    expect(cellsOf(rows[0])).toMatchObject({ name: 'Ana', 'clv (USD)': '1234.56', clv_minor: '123456', p_alive: '0.75', churn_risk: 'medium', persona: 'Bargain hunters' });
    expect(cellsOf(rows[1])).toMatchObject({ name: 'Budi', 'clv (USD)': '', clv_minor: '', p_alive: '', churn_risk: '', persona: '' });

    // the persona rows above are only what the file reads; an import would assign personas by their model
    await sql`delete from customer_persona`.execute(db());
    await sql`delete from persona`.execute(db());
    await sql`delete from persona_model`.execute(db());
    const summary = await importFile(db(), { ...importDefaults, entity: 'customers', file, source: 'members-export' });
    expect(summary.rejectsSample).toEqual([]);
    expect(summary).toMatchObject({ read: 2, rejected: 0 });
  });
});
