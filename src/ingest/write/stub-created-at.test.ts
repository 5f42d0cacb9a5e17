import { expect, it } from 'vitest';
import { describeEachStore } from '../../../test/helpers/stores.js';
import { importDefaults, scratchFiles } from '../../../test/helpers/import-files.js';
import { importFile } from '../import-file.service.js';

const { file } = scratchFiles('stub-created');
const base = importDefaults;

// A stub was "known since" the moment the import ran: the demo's gift recipients and leads from
// last year's files all looked new that morning.
describeEachStore('stub customers are known since the order or event that made them', (context) => {
  const createdAtOf = async (email: string) =>
    (await context.store.db.selectFrom('customer').select('created_at').where('email', '=', email).executeTakeFirstOrThrow()).created_at;

  it('dates a stub by its earliest order in the batch, a gift recipient by the order, and a lead by its event', async () => {
    const db = context.store.db;
    await importFile(db, { ...base, entity: 'orders', file: file('orders.csv', [
      'order_id,customer_email,ordered_at,amount,recipient_email',
      'T1,buyer@example.com,2025-05-03T10:00:00Z,10000,',
      'T2,buyer@example.com,2025-03-01T09:00:00Z,20000,friend@example.com',
    ].join('\n')) });
    expect(await createdAtOf('buyer@example.com')).toEqual(new Date('2025-03-01T09:00:00Z'));
    expect(await createdAtOf('friend@example.com')).toEqual(new Date('2025-03-01T09:00:00Z'));
    await importFile(db, { ...base, entity: 'events', file: file('events.csv', 'event_id,customer_email,occurred_at,kind,channel\nE1,lead@example.com,2024-11-20T08:00:00Z,signup,web\n') });
    expect(await createdAtOf('lead@example.com')).toEqual(new Date('2024-11-20T08:00:00Z'));
  });
});
