import { expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';
import { fixedClock } from '../../core/clock.js';
import { ingestRecords } from '../../ingest/ingest-batch.service.js';

// The store's days are Jakarta's (the default zone): a customer created at 05:00 UTC was created at 12:00 there.
describeEachCliStore('clientele customers show, the profile as text', (context) => {
  const run = async (...args: string[]) => {
    const result = await runCliInProcess(context.db, args);
    if (result.error) throw result.error;
    return result.stdout;
  };
  const customerIdOf = (email: string) => context.withStore(async (store) => (await store.db.selectFrom('customer').select('customer_id')
    .where('email', '=', email).executeTakeFirstOrThrow()).customer_id);
  const profileOf = (text: string) => text.split('\nidentities:\n')[0].split('\n').map((line) => line.replace(/\s+/g, ' ').trim());

  it('shows each profile field --json has a value for, and the data set\'s own attributes under their own heading', async () => {
    const record = {
      customer_id: 'P1', email: 'profile.full@example.com', name: 'Sari', birth_year: '1954', gender: 'female', city: 'Bandung', region: 'Jawa Barat',
      country: 'ID', income_band: '25k-50k', consent_email: 'yes', created_at: '2014-03-08T05:00:00Z',
      'attribute.education': 'Graduation', 'attribute.kids_at_home': '1', 'attribute.marital_status': 'Single',
    };
    await context.withStore((store) => ingestRecords(store.db, 'customers', [record], { actor: 'test', clock: fixedClock('2024-06-21T00:00:00Z') }));
    const customerId = await customerIdOf('profile.full@example.com');
    expect(profileOf(await run('customers', 'show', String(customerId)))).toEqual([
      `id ${customerId}`, 'name Sari', 'kind person', 'email profile.full@example.com', 'phone',
      'birth_year 1954', 'gender female', 'city Bandung', 'region Jawa Barat', 'country ID', 'income_band 25k-50k',
      'stub false', 'consent email yes, SMS unknown, WhatsApp unknown, profiling unknown', 'created 2014-03-08 12:00 (Asia/Jakarta)',
      '', 'attributes:', 'education Graduation', 'kids_at_home 1', 'marital_status Single', '',
    ]);
  }, 180_000);

  it('leaves out the fields without a value, and the attributes heading when there are none', async () => {
    const record = { customer_id: 'P2', email: 'profile.bare@example.com', created_at: '2014-03-09T05:00:00Z' };
    await context.withStore((store) => ingestRecords(store.db, 'customers', [record], { actor: 'test', clock: fixedClock('2024-06-21T00:00:00Z') }));
    const customerId = await customerIdOf('profile.bare@example.com');
    expect(profileOf(await run('customers', 'show', String(customerId)))).toEqual([
      `id ${customerId}`, 'name', 'kind person', 'email profile.bare@example.com', 'phone',
      'stub false', 'consent email unknown, SMS unknown, WhatsApp unknown, profiling unknown', 'created 2014-03-09 12:00 (Asia/Jakarta)', '',
    ]);
  }, 180_000);
});
