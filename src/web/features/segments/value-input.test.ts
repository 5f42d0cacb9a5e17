import { describe, expect, it } from 'vitest';
import type { Locale } from '../../api/types.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { withinNextOperator } from './field-kinds.js';
import { valuePlaceholder, withPersonaNames } from './value-input.js';

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

describe('withPersonaNames', () => {
  const latvianNames: Record<string, string> = { 'young low-spend small-basket, coffee': 'Jauni, tērē maz, mazi pirkumi · “coffee”' };
  const nameOf = (name: string) => (latvianNames[name] ? { text: latvianNames[name] } : null);

  it('labels the persona names the field lists as the Personas page shows them, keeping each name as the value', () => {
    const listed = [{ value: 'young low-spend small-basket, coffee', label: 'young low-spend small-basket, coffee' }, { value: 'Office buyers', label: 'Office buyers' }];
    expect(withPersonaNames(listed, nameOf)).toEqual([{ value: 'young low-spend small-basket, coffee', label: 'Jauni, tērē maz, mazi pirkumi · “coffee”' }, { value: 'Office buyers', label: 'Office buyers' }]);
  });

  it('leaves a code with words of its own, and no list, as they are', () => {
    const codes = [{ value: 'high', label: 'Augsts' }];
    expect(withPersonaNames(codes, () => ({ text: 'never' }))).toEqual(codes);
    expect(withPersonaNames(null, nameOf)).toBeNull();
  });
});
