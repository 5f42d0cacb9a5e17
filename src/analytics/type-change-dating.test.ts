import { beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { fixedClock } from '../core/clock.js';
import { ingestRecords } from '../ingest/ingest-batch.service.js';
import { customerTimeline } from '../customers/timeline.js';
import { analyze } from './analyze.service.js';
import { customerTypeTimeline } from './types.service.js';

// the store's days end at midnight in Jakarta (UTC+7): 17:00 UTC
const endOf = (day: string) => new Date(Date.parse(`${day}T17:00:00Z`)).toISOString();

describeEachStore('type changes dated by the rule, between two analyses', (context) => {
  const ids: Record<'once' | 'weekly' | 'quiet', number> = { once: 0, weekly: 0, quiet: 0 };

  beforeAll(async () => {
    const db = context.store.db;
    const order = (id: string, who: string, day: string) => ({ order_id: id, customer_email: `dating.${who}@example.com`, ordered_at: `${day}T10:00:00+07:00`, channel: 'web', amount: '150000' });
    // bought once, on 1 March; weekly from 1 January to 4 March (10 purchases: usually every 7 days)
    const weekly = Array.from({ length: 10 }, (_, week) => order(`W${week}`, 'weekly', new Date(Date.UTC(2024, 0, 1 + 7 * week)).toISOString().slice(0, 10)));
    // and twice in October 2023, quiet since
    const quiet = [order('Q1', 'quiet', '2023-10-01'), order('Q2', 'quiet', '2023-10-20')];
    await ingestRecords(db, 'orders', [order('O1', 'once', '2024-03-01'), ...weekly, ...quiet], { actor: 'test', clock: fixedClock('2024-03-05T05:00:00Z') });
    await analyze(db, { asOf: '2024-03-05', clock: fixedClock('2024-03-05T12:00:00Z') });
    // the next analysis 86 days later: no one ran in between
    await analyze(db, { asOf: '2024-05-30', clock: fixedClock('2024-05-30T12:00:00Z') });
    const rows = await db.selectFrom('customer').select(['customer_id', 'email']).where('email', 'like', 'dating.%').execute();
    for (const row of rows) ids[String(row.email).split('.')[1].split('@')[0] as keyof typeof ids] = Number(row.customer_id);
  });

  const spells = async (customerId: number) => (await customerTypeTimeline(context.store.db, customerId)).timeline
    .map((spell) => [spell.type, spell.enteredAt, spell.leftAt, spell.enteredCheckedLastAt, spell.leftCheckedLastAt]);
  const changes = async (customerId: number) => (await customerTimeline(context.store.db, customerId, { limit: 200 })).items
    .filter((item) => item.kind === 'type_change').map((item) => [item.title, new Date(item.at).toISOString()]);

  it('ends a one-time buyer\'s new spell on first purchase + 30 days, not at the analysis that saw it', async () => {
    // first purchase 1 March: new on days 0…29, one-time from 31 March, seen on 30 May
    expect(await spells(ids.once)).toEqual([
      ['new', endOf('2024-03-05'), endOf('2024-03-31'), null, null],
      ['one_time', endOf('2024-03-31'), null, null, null],
    ]);
    expect(await changes(ids.once)).toEqual([
      ['became one_time', endOf('2024-03-31')], ['no longer new', endOf('2024-03-31')], ['already new when the type history began', endOf('2024-03-05')],
    ]);
  });

  it('begins a regular\'s at-risk spell on their overdue day, and ends their regular spell then', async () => {
    // last purchase 4 March, usually every 7 days: overdue from 19 March (more than 14 days after it)
    expect(await spells(ids.weekly)).toEqual([
      ['vip', endOf('2024-03-05'), null, null, null],
      ['regular', endOf('2024-03-05'), endOf('2024-03-19'), null, null],
      ['at_risk', endOf('2024-03-19'), null, null, null],
    ]);
    expect(await changes(ids.weekly)).toEqual(expect.arrayContaining([['became at_risk', endOf('2024-03-19')], ['no longer regular', endOf('2024-03-19')]]));
  });

  it('says a change no rule here dates was seen at the analysis, and when the customer was checked before', async () => {
    // occasional when the history began, lapsed as the analysis of 30 May saw it; checked last on 5 March
    expect(await spells(ids.quiet)).toEqual([
      ['occasional', endOf('2024-03-05'), endOf('2024-05-30'), null, endOf('2024-03-05')],
      ['lapsed', endOf('2024-05-30'), null, endOf('2024-03-05'), null],
    ]);
  });
});
