import { describe, expect, it } from 'vitest';
import type { Locale, Reject } from '../../api/types.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { firstReasons, isNothingImported } from './import-outcome.js';
import { emptyTotals } from './run-import.js';

const unreadable = (line: number, value: string): Reject => ({
  file: 'orders.csv', line, field: 'ordered_at', code: 'DATE_UNREADABLE', params: { field: 'ordered_at', value }, reason: `ordered_at "${value}" is not a date we can read`,
});

describe('an import of which nothing was stored', () => {
  it('is one whose every row read was refused, not one that read no rows or stored some', () => {
    expect(isNothingImported({ ...emptyTotals, read: 5, rejected: 5 })).toBe(true);
    expect(isNothingImported({ ...emptyTotals, read: 5, rejected: 4, inserted: 1 })).toBe(false);
    expect(isNothingImported({ ...emptyTotals, read: 5, rejected: 4, unchanged: 1 })).toBe(false);
    expect(isNothingImported(emptyTotals)).toBe(false);
  });

  it.each<[Locale, string]>([
    ['en', '“03.11.2026”'],
    ['lv', '“03.11.2026” nav datums'],
  ])('says in %s the first reason of each kind once, not five times the same', (locale, expected) => {
    const t = (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);
    const rejects = [unreadable(2, '03.11.2026'), unreadable(3, '04.11.2026'), { ...unreadable(4, 'x'), field: 'amount', code: 'AMOUNT_UNREADABLE' }];
    const reasons = firstReasons(rejects, t, locale);
    expect(reasons).toHaveLength(2);
    expect(reasons[0].text).toContain(expected);
  });
});
