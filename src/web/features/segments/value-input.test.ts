import { describe, expect, it } from 'vitest';
import type { Locale } from '../../api/types.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { withinNextOperator } from './field-kinds.js';
import { valuePlaceholder } from './value-input.js';

const tIn = (locale: Locale) => (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);
const date = { type: 'date' as const, isMoney: false, amountExample: '' };

describe('valuePlaceholder', () => {
  it('asks "in the next … days" for a number of days, not a date or days ago', () => {
    expect(valuePlaceholder(tIn('en'), { ...date, operator: withinNextOperator })).toBe('days: 7');
    expect(valuePlaceholder(tIn('id'), { ...date, operator: withinNextOperator })).toBe('hari: 7');
    expect(valuePlaceholder(tIn('lv'), { ...date, operator: withinNextOperator })).toBe('dienas: 7');
  });

  it('keeps a date or days ago for the other date comparisons, and amounts and lists as before', () => {
    expect(valuePlaceholder(tIn('en'), { ...date, operator: 'gte' })).toBe('2026-01-31, or days ago: 90');
    expect(valuePlaceholder(tIn('en'), { type: 'number', operator: 'gte', isMoney: true, amountExample: '100.50' })).toBe('e.g. 100.50');
    expect(valuePlaceholder(tIn('en'), { type: 'text', operator: 'in', isMoney: false, amountExample: '' })).toBe('comma-separated, e.g. coffee, tea');
  });
});
