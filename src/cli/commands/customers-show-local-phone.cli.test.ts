import { expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';
import { fixedClock } from '../../core/clock.js';
import { ingestRecords } from '../../ingest/ingest-batch.service.js';

// The store's country is Indonesia (the default): "0853 3141 5926" is +62 853 3141 5926 there.
describeEachCliStore('clientele customers show, a phone number written as people of the store\'s country write it', (context) => {
  const customerIdOf = (email: string) => context.withStore(async (store) => Number((await store.db.selectFrom('customer').select('customer_id')
    .where('email', '=', email).executeTakeFirstOrThrow()).customer_id));
  const shownIdOf = async (argument: string) => {
    const result = await runCliInProcess(context.db, ['--json', 'customers', 'show', argument]);
    if (result.error) throw result.error;
    return Number(JSON.parse(result.stdout).customer.customer_id);
  };

  it('reads a number with a leading 0, a leading + or separators between its digits as a phone, and a bare number as a customer id', async () => {
    const record = { customer_id: 'LP1', email: 'local.phone@example.com', phone: '+62 853 3141 5926', name: 'Surya' };
    await context.withStore((store) => ingestRecords(store.db, 'customers', [record], { actor: 'test', clock: fixedClock('2024-06-21T00:00:00Z') }));
    const customerId = await customerIdOf('local.phone@example.com');
    for (const argument of ['085331415926', '0853 3141 5926', '0853-3141-5926', '(0853) 3141 5926', '+6285331415926', '+62 853-3141-5926']) {
      expect({ argument, customerId: await shownIdOf(argument) }).toEqual({ argument, customerId });
    }
    expect(await shownIdOf(String(customerId))).toBe(customerId);
  }, 180_000);

  it('says a number written as a phone that no customer has was looked up as a phone, not as a customer number', async () => {
    const result = await runCliInProcess(context.db, ['customers', 'show', '0812 0000 1111']);
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain('CUSTOMER_NOT_FOUND');
    expect(result.stderr).toContain('No customer has the phone "0812 0000 1111"');
    expect(result.stderr).not.toContain('Customer #');
  }, 180_000);
});
