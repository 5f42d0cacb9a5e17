import { rmSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { scratchFiles } from '../../test/helpers/import-files.js';
import { batchSizeOutcomes } from '../../test/helpers/batch-size-outcomes.js';
import { describeEachStore } from '../../test/helpers/stores.js';

const files = scratchFiles('repeated-events-across-batches');
afterAll(() => rmSync(files.directory, { recursive: true, force: true }));

let written = 0;
const csv = (lines: string[]) => files.file(`file-${(written += 1)}.csv`, `${lines.join('\n')}\n`);
const jsonLines = (lines: string[]) => files.file(`file-${(written += 1)}.jsonl`, `${lines.join('\n')}\n`);

// An event row repeated is judged by the text of the row it repeats whichever batch that row was in,
// as an order row is (repeated-rows-across-batches.test.ts): the same file gives the same counts and
// rejects at any batch size.
describeEachStore('a repeat of an event row an earlier batch stored', (context) => {
  const db = () => context.store.db;
  const atEveryBatchSize = batchSizeOutcomes(db, 'events', csv);
  const remembered = async () => (await sql<{ rows: number }>`select count(*)::int as rows from import_row_text`.execute(db())).rows;

  it('counts an exact repeat as unchanged when the file has a column no field reads', async () => {
    const outcome = await atEveryBatchSize((id) => [
      'event_id,customer_id,kind,channel,occurred_at,detail,campaign_note',
      `${id}A1,${id}R1,visit,web,2024-06-01T10:00:00Z,home,spring`,
      `${id}A2,${id}R2,cart,web,2024-06-02T10:00:00Z,,`,
      `${id}A1,${id}R1,visit,web,2024-06-01T10:00:00Z,home,spring`,
      `${id}A2,${id}R2,cart,web,2024-06-02T10:00:00Z,,`,
    ]);
    expect(outcome).toEqual({ counts: { read: 4, inserted: 2, updated: 0, unchanged: 2, rejected: 0 }, reasons: [] });
    // what the imports remembered of their rows went with them
    expect(await remembered()).toEqual([{ rows: 0 }]);
  });

  it('takes a key a JSON record lacks for an empty column, naming it when a repeat lacks or adds it', async () => {
    // within one batch a missing key and an empty value are the same text: a repeat lacking the note the
    // first record gave differs there, one giving an empty note where the first had none does not
    const record = (id: string, event: string, note?: string) => JSON.stringify({
      event_id: `${id}${event}`, customer_id: `${id}S${event}`, kind: 'visit', channel: 'web', occurred_at: '2024-06-01T10:00:00Z', ...(note === undefined ? {} : { campaign_note: note }),
    });
    const outcome = await atEveryBatchSize((id) => [
      record(id, 'J1', 'spring'),
      record(id, 'J2'),
      record(id, 'J1'),
      record(id, 'J2', 'summer'),
      record(id, 'J2', ''),
      record(id, 'J1', 'spring'),
    ], jsonLines);
    expect(outcome.counts).toEqual({ read: 6, inserted: 2, updated: 0, unchanged: 2, rejected: 2 });
    expect(outcome.reasons).toEqual([
      [3, 'EVENT_DUPLICATE_IN_FILE', 'Duplicate event J1 with a different campaign_note: none here, … on line 1 of this file. Keep one row per event.'],
      [4, 'EVENT_DUPLICATE_IN_FILE', 'Duplicate event J2 with a different campaign_note: "summer" here, … on line 2 of this file. Keep one row per event.'],
    ]);
  });

  it('rejects a repeat that differs only in a column no field reads, naming the column', async () => {
    const outcome = await atEveryBatchSize((id) => [
      'event_id,customer_id,kind,channel,occurred_at,detail,campaign_note',
      `${id}B1,${id}S1,visit,web,2024-06-01T10:00:00Z,home,spring`,
      `${id}B2,${id}S2,cart,web,2024-06-02T10:00:00Z,,`,
      `${id}B1,${id}S1,visit,web,2024-06-01T10:00:00Z,home,`,
      `${id}B2,${id}S2,cart,web,2024-06-02T10:00:00Z,,summer`,
    ]);
    expect(outcome.counts).toEqual({ read: 4, inserted: 2, updated: 0, unchanged: 0, rejected: 2 });
    expect(outcome.reasons).toEqual([
      [4, 'EVENT_DUPLICATE_IN_FILE', 'Duplicate event B1 with a different campaign_note: none here, … on line 2 of this file. Keep one row per event.'],
      [5, 'EVENT_DUPLICATE_IN_FILE', 'Duplicate event B2 with a different campaign_note: "summer" here, … on line 3 of this file. Keep one row per event.'],
    ]);
  });

  it('rejects a repeat that differs only where the event stores nothing (an email its customer already has, a time written otherwise)', async () => {
    // line 3 gives the customer the email first: line 4 states it, which line 2 did not
    const outcome = await atEveryBatchSize((id) => [
      'event_id,customer_id,customer_email,kind,channel,occurred_at,detail',
      `${id}C1,${id}T1,,visit,web,2024-06-01T10:00:00Z,home`,
      `${id}C2,${id}T1,${id.toLowerCase()}t1@example.com,cart,web,2024-06-02T10:00:00Z,`,
      `${id}C1,${id}T1,${id.toLowerCase()}t1@example.com,visit,web,2024-06-01T10:00:00Z,home`,
      `${id}C2,${id}T1,${id.toLowerCase()}t1@example.com,cart,web,2024-06-02T10:00:00+00:00,`,
    ]);
    expect(outcome.counts).toEqual({ read: 4, inserted: 2, updated: 0, unchanged: 0, rejected: 2 });
    expect(outcome.reasons).toEqual([
      [4, 'EVENT_DUPLICATE_IN_FILE', 'Duplicate event C1 with a different customer_email: "t1@example.com" here, … on line 2 of this file. Keep one row per event.'],
      [5, 'EVENT_DUPLICATE_IN_FILE', 'Duplicate event C2 with a different occurred_at: "2024-06-02T10:00:00+00:00" here, … on line 3 of this file. Keep one row per event.'],
    ]);
  });

  it('judges a row that differs from an earlier repeat in its batch against the row that stored the event', async () => {
    const outcome = await atEveryBatchSize((id) => [
      'event_id,customer_id,kind,channel,occurred_at,detail,campaign_note',
      `${id}D1,${id}U1,visit,web,2024-06-01T10:00:00Z,home,spring`,
      `${id}D2,${id}U2,cart,web,2024-06-02T10:00:00Z,,`,
      // with batches of 2: line 4 repeats D1 otherwise and is rejected; line 5 states it as line 2 did
      `${id}D1,${id}U1,visit,web,2024-06-01T10:00:00Z,home,summer`,
      `${id}D1,${id}U1,visit,web,2024-06-01T10:00:00Z,home,spring`,
      // line 6 repeats D2 exactly; line 7 differs from it, and from line 3 where D2 first appeared
      `${id}D2,${id}U2,cart,web,2024-06-02T10:00:00Z,,`,
      `${id}D2,${id}U2,cart,web,2024-06-02T10:00:00Z,pricing,`,
    ]);
    expect(outcome.counts).toEqual({ read: 6, inserted: 2, updated: 0, unchanged: 2, rejected: 2 });
    expect(outcome.reasons).toEqual([
      [4, 'EVENT_DUPLICATE_IN_FILE', 'Duplicate event D1 with a different campaign_note: "summer" here, … on line 2 of this file. Keep one row per event.'],
      [7, 'EVENT_DUPLICATE_IN_FILE', 'Duplicate event D2 with a different detail: "pricing" here, … on line 3 of this file. Keep one row per event.'],
    ]);
  });
});
