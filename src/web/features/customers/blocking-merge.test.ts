import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.js';
import { describeError } from '../../api/error-text.js';
import type { Locale } from '../../api/types.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { blockingMergeOf } from './blocking-merge.js';

const tIn = (locale: Locale) => (key: string, values?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, values);
const refused = (details: Record<string, unknown>) => new ApiError(409, 'CUSTOMER_MERGE_UNDO_CONFLICT',
  'Merge #5 cannot be undone: customer #10 was since merged into customer #12, which took what this merge moved. Undo merge #6 first, then this one.', undefined,
  { mergeId: 5, reason: 'kept_customer_merged', ...details });

describe('an undo refused until another merge is undone', () => {
  it('names the merge to undo first, from the refusal\'s details', () => {
    expect(blockingMergeOf(refused({ blockingMergeId: 6 }))).toBe(6);
    expect(blockingMergeOf(refused({ blockingMergeId: null }))).toBeNull();
    expect(blockingMergeOf(new ApiError(409, 'CUSTOMER_MERGE_CONFLICT', 'Merge #5 was already undone.', undefined, { blockingMergeId: 6 }))).toBeNull();
    expect(blockingMergeOf(null)).toBeNull();
  });

  it('offers to undo that merge first in every language, by its number', () => {
    expect(tIn('en')('merge.undoBlockingFirst', { blocking: 6 })).toBe('Undo merge #6 first');
    expect(tIn('id')('merge.undoBlockingFirst', { blocking: 6 })).toBe('Batalkan dulu penggabungan #6');
    expect(tIn('lv')('merge.undoBlockingFirst', { blocking: 6 })).toBe('Vispirms atsaukt apvienošanu #6');
  });

  it('says the merge cannot be undone, not that it never can be again', () => {
    const said = (locale: Locale) => describeError(refused({ blockingMergeId: 6 }), tIn(locale), locale).message;
    expect(said('id')).toBe('Penggabungan ini tidak dapat dibatalkan.');
    expect(said('lv')).toBe('Šo apvienošanu nevar atsaukt.');
    expect(tIn('en')('errors.codes.CUSTOMER_MERGE_UNDO_CONFLICT')).toBe('This merge cannot be undone.');
  });
});
