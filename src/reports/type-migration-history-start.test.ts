import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { buildApp } from '../server/app.js';
import { fixedClock } from '../core/clock.js';
import { updateStoreSettings } from '../settings/index.js';
import { reportTypeMigration } from './index.js';

const clock = fixedClock('2024-07-15T12:00:00Z');
// two analyses, in UTC: as of 31 March (its end, 00:00 on 1 April) and as of 30 June
const firstAnalysis = '2024-04-01T00:00:00Z';
const secondAnalysis = '2024-07-01T00:00:00Z';
// customer 1: new, then occasional; customer 2: lapsed throughout; customer 3: first typed (new) by the second analysis
const spells: Array<[number, string, string, string | null]> = [
  [1, 'new', firstAnalysis, secondAnalysis], [1, 'occasional', secondAnalysis, null],
  [2, 'lapsed', firstAnalysis, null],
  [3, 'new', secondAnalysis, null],
];
const moves = [
  { fromType: 'lapsed', toType: 'lapsed', customers: 1 }, { fromType: 'new', toType: 'occasional', customers: 1 }, { fromType: 'none', toType: 'new', customers: 1 },
];

describeEachStore('type migration over a range starting before the type history', (context) => {
  let app: FastifyInstance;
  let analyst: TestSession;
  beforeAll(async () => {
    await updateStoreSettings(context.store.db, { timezone: 'UTC' });
    await context.store.db.insertInto('customer_type_history')
      .values(spells.map(([customerId, type, enteredAt, leftAt]) => ({ customer_id: customerId, type, entered_at: new Date(enteredAt), left_at: leftAt === null ? null : new Date(leftAt), numbers: JSON.stringify({}) })))
      .execute();
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock });
    analyst = await signInAs(context.store, 'analyst');
  });
  afterAll(async () => app?.close());

  it('reads a range inside the history from its first day, with no history note', async () => {
    const report = await reportTypeMigration(context.store.db, { from: '2024-04-01', to: '2024-06-30', clock });
    expect(report).toMatchObject({ historyFrom: null, flows: moves, firstTyped: [] });
  });

  it('reads a range starting before the history from its start: the same moves, and the first analysis\'s typing', async () => {
    const report = await reportTypeMigration(context.store.db, { from: '2023-07-01', to: '2024-06-30', clock });
    expect(report).toMatchObject({ fromDay: '2023-07-01', toDay: '2024-06-30', historyFrom: '2024-03-31', flows: moves });
    // what the first analysis typed them as (new, lapsed), not their types at the range's end (occasional, lapsed, new)
    expect(report.firstTyped).toEqual([{ type: 'lapsed', customers: 1 }, { type: 'new', customers: 1 }]);
  });

  it('sends the history\'s start day over HTTP', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/reports/type-migration?from=2023-07-01&to=2024-06-30', headers: analyst.readHeaders });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      from: '2023-07-02T00:00:00.000Z', to: '2024-07-01T00:00:00.000Z', fromDay: '2023-07-01', toDay: '2024-06-30',
      historyStartsAt: '2024-04-01T00:00:00.000Z', historyFrom: '2024-03-31', flows: moves,
      firstTyped: [{ type: 'lapsed', customers: 1 }, { type: 'new', customers: 1 }],
    });
  });

  it('finds no moves in a range that ends before the history starts, and says where it starts', async () => {
    const report = await reportTypeMigration(context.store.db, { from: '2023-01-01', to: '2023-12-31', clock });
    expect(report).toMatchObject({ historyFrom: '2024-03-31', flows: [], firstTyped: [] });
    // up to the history's start only: everyone first typed then keeps that type
    const toStart = await reportTypeMigration(context.store.db, { from: '2023-01-01', to: '2024-03-31', clock });
    expect(toStart).toMatchObject({ historyFrom: '2024-03-31', flows: [{ fromType: 'lapsed', toType: 'lapsed', customers: 1 }, { fromType: 'new', toType: 'new', customers: 1 }] });
  });
});
