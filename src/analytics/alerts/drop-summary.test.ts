import { describe, expect, it } from 'vitest';
import { formatMoneyWith, moneyFormatOf } from '../money-format.js';
import { dropFiguresOf, scopePhrase, summarizeDrop, type DropFigures } from './drop-summary.js';

const money = moneyFormatOf('IDR', 'id');
const rupiah = (minor: number) => formatMoneyWith(money, minor);
const pastries: DropFigures = { metric: 'revenue', scope: 'category:pastries', granularity: 'week', expected: 3_100_000, actual: 1_200_000, changePct: -61.8, explainedBy: [] };

describe('scopePhrase', () => {
  it.each([
    ['all', 'Store-wide'],
    ['category:pastries', 'Category pastries'],
    ['channel:web', 'Channel web'],
    ['type:vip', 'Customer type vip'],
    ['city:Riga', 'City Riga'],
    ['category:bread:rye', 'Category bread:rye'],
    ['region:north', 'Region north'],
  ])('names %s as "%s"', (scope, phrase) => {
    expect(scopePhrase(scope)).toBe(phrase);
  });
});

describe('summarizeDrop', () => {
  it('leads a segment\'s drop with its scope, so it does not read as the whole store\'s', () => {
    expect(summarizeDrop(pastries, '2026-12-01', '2026-12-07', money))
      .toBe(`Category pastries: revenue in the week 2026-12-01 – 2026-12-07 was ${rupiah(1_200_000)}, expected ${rupiah(3_100_000)} (-62%)`);
  });

  it('says "Store-wide" first for the whole store, and names the segment that explains most of the shortfall', () => {
    const whole: DropFigures = { metric: 'orders', scope: 'all', granularity: 'day', expected: 40.4, actual: 21, changePct: -48, explainedBy: [{ dimension: 'channel', segment: 'web', share: 0.874 }] };
    expect(summarizeDrop(whole, '2026-12-07', '2026-12-07', money)).toBe('Store-wide: orders on 2026-12-07 were 21, expected 40 (-48%); mostly channel web (87% of the shortfall)');
  });
});

describe('dropFiguresOf', () => {
  const stored = { metric: 'revenue', scope: 'all', granularity: 'week', expected: 100, actual: 60, changePct: -40 };

  it('reads the figures and the explaining segments of a stored drop, skipping entries of another shape', () => {
    const explanation = { summary: 'Revenue in the week … (old wording)', explainedBy: [{ dimension: 'channel', segment: 'web', share: 0.9, expected: 1 }, { dimension: 'channel' }, 'web'] };
    expect(dropFiguresOf({ ...stored, explanation })).toEqual({ ...stored, explainedBy: [{ dimension: 'channel', segment: 'web', share: 0.9, expected: 1 }] });
    expect(dropFiguresOf({ ...stored, explanation: { summary: 'no segments kept' } })?.explainedBy).toEqual([]);
  });

  it('gives up on a metric or a granularity it cannot word, so the stored sentence stands', () => {
    expect(dropFiguresOf({ ...stored, metric: 'days_since_last_purchase', explanation: {} })).toBeNull();
    expect(dropFiguresOf({ ...stored, granularity: 'customer', explanation: {} })).toBeNull();
  });
});
