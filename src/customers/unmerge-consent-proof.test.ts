import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { fixedClock } from '../core/clock.js';
import { ingestRecords } from '../ingest/ingest-batch.service.js';
import { getCustomer, lookupCustomer } from './customers.queries.js';
import { standingConsentChange } from './consent-changes.repo.js';
import { mergeCustomers, undoMerge } from './merge.service.js';

const clock = fixedClock('2026-03-02T09:00:00Z');

// the reviewer's case: after a merge and its undo, profiling read {since: <the undo>, source: "unmerge"}
describeEachStore('consent proofs after a merge is undone', (context) => {
  it('gives both customers back the consent records they had before the merge: their since and source, not the undo\'s', async () => {
    const db = context.store.db;
    await ingestRecords(db, 'customers', [
      { customer_id: 'UCP-A', email: 'ucp.a@example.com', name: 'Kept', consent_profiling: 'yes', consent_email: 'yes' },
      { customer_id: 'UCP-B', email: 'ucp.b@example.com', name: 'Merged', consent_profiling: 'no', consent_sms: 'yes' },
    ], { actor: 'test', clock });
    const keptId = await lookupCustomer(db, { kind: 'email', value: 'ucp.a@example.com' });
    const mergedId = await lookupCustomer(db, { kind: 'email', value: 'ucp.b@example.com' });
    const before = { kept: (await getCustomer(db, keptId)).consents, merged: (await getCustomer(db, mergedId)).consents };
    expect(before.kept.profiling).toMatchObject({ source: 'ingest' });
    expect(before.kept.profiling.import_run_id).not.toBeNull();

    const { mergeId } = await mergeCustomers(db, keptId, mergedId, 'test', { clock });
    const merged = (await getCustomer(db, keptId)).consents;
    // the refusal won, and the fill: both are the merge's
    expect(merged.profiling).toMatchObject({ source: 'merge' });
    expect(merged.sms).toMatchObject({ source: 'merge' });

    await undoMerge(db, mergeId, 'test', { clock });
    expect((await getCustomer(db, keptId)).consents).toEqual(before.kept);
    expect((await getCustomer(db, mergedId)).consents).toEqual(before.merged);
    // the history keeps the merge and its undo: only the proof reads through them
    const sources = await db.selectFrom('customer_consent_change').select('source').where('customer_id', '=', keptId).where('kind', '=', 'profiling').orderBy('change_id').execute();
    expect(sources.map((row) => row.source)).toEqual(['ingest', 'merge', 'unmerge']);

    // merged and undone again: still the import's record
    const again = await mergeCustomers(db, keptId, mergedId, 'test', { clock });
    await undoMerge(db, again.mergeId, 'test', { clock });
    expect((await getCustomer(db, keptId)).consents).toEqual(before.kept);
  });
});

it('standingConsentChange reads through an undo only to the record holding the value it gave back', () => {
  const change = (source: 'import' | 'staff' | 'merge' | 'unmerge', granted: boolean | null) => ({ source, granted });
  const imported = change('import', true);
  expect(standingConsentChange([imported, change('merge', false), change('unmerge', true)])).toBe(imported);
  // a merge that filled an unanswered consent recorded before any change: back to no record
  expect(standingConsentChange([change('merge', true), change('unmerge', null)])).toBeNull();
  // an edit after the undo is the proof
  const edit = change('staff', false);
  expect(standingConsentChange([imported, change('merge', false), change('unmerge', true), edit])).toBe(edit);
  // a record that does not hold what the undo gave back: the undo's own
  const unmerge = change('unmerge', true);
  expect(standingConsentChange([change('staff', false), change('merge', true), unmerge])).toBe(unmerge);
  expect(standingConsentChange([])).toBeNull();
});
