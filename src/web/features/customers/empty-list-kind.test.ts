import { describe, expect, it } from 'vitest';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { emptyListKind, noMatchesText } from './empty-list-kind.js';

const loaded = { total: null, shown: 0, hasMore: false, isLoading: false, hasError: false, isFiltered: false };

describe('emptyListKind', () => {
  it('says the store has no customers when nothing is listed and no filter is set', () => {
    expect(emptyListKind(loaded)).toBe('no-customers');
    // the count alone is enough, before the first page answers
    expect(emptyListKind({ ...loaded, total: 0, isLoading: true })).toBe('no-customers');
  });

  it('says nothing matches when a filter or a search is set', () => {
    expect(emptyListKind({ ...loaded, isFiltered: true })).toBe('no-matches');
    expect(emptyListKind({ ...loaded, total: 0, isFiltered: true })).toBe('no-matches');
  });

  it('does not call a list empty while it loads, while more pages remain, when it failed, or when it has customers', () => {
    expect(emptyListKind({ ...loaded, isLoading: true })).toBe('not-empty');
    expect(emptyListKind({ ...loaded, hasMore: true })).toBe('not-empty');
    expect(emptyListKind({ ...loaded, hasError: true })).toBe('not-empty');
    expect(emptyListKind({ ...loaded, shown: 3, total: 3 })).toBe('not-empty');
    expect(emptyListKind({ ...loaded, shown: 0, total: 5, isLoading: true })).toBe('not-empty');
  });
});

describe('noMatchesText', () => {
  const t = (key: string, values?: Record<string, string | number>) => lookupMessage(messagesByLocale.en, key, values);

  it('names a search that found no one, with no filter set, and says what to try: not the filters nobody set', () => {
    expect(noMatchesText(' Fitri Setiwan ', false, t)).toEqual({
      message: 'No customer matches “Fitri Setiwan”.',
      suggestion: 'Try fewer words, part of a name, or an email or phone number.',
    });
  });

  it('keeps the filters\' wording when only filters are set, and names both when both are', () => {
    expect(noMatchesText('', true, t)).toEqual({ message: 'No customers match these filters.', suggestion: null });
    expect(noMatchesText('Fitri', true, t).message).toBe('No customer matches “Fitri” with these filters.');
    expect(noMatchesText('Fitri', true, t).suggestion).toMatch(/clear the filters/);
  });
});
