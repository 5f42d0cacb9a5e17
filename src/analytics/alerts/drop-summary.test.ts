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

  const wholeWith = (explainedBy: DropFigures['explainedBy']): DropFigures => ({ metric: 'orders', scope: 'all', granularity: 'day', expected: 40.4, actual: 21, changePct: -48, explainedBy });

  it('says a segment that fell by more than the whole shortfall did so while others rose, never "mostly" above 100%', () => {
    expect(summarizeDrop(wholeWith([{ dimension: 'channel', segment: 'web', share: 1.39 }]), '2026-12-07', '2026-12-07', money))
      .toBe('Store-wide: orders on 2026-12-07 were 21, expected 40 (-48%); channel web fell by 139% of the shortfall, while others rose');
  });

  it('says "mostly" only for a segment with most of the shortfall', () => {
    expect(summarizeDrop(wholeWith([{ dimension: 'category', segment: 'Books', share: 0.3 }]), '2026-12-07', '2026-12-07', money))
      .toBe('Store-wide: orders on 2026-12-07 were 21, expected 40 (-48%); most of all category Books (30% of the shortfall)');
  });

  it('names no customer type defined by not buying, even in an alert stored with one first', () => {
    const stored = wholeWith([{ dimension: 'type', segment: 'at_risk', share: 0.9 }, { dimension: 'type', segment: 'lapsed', share: 0.8 }, { dimension: 'channel', segment: 'web', share: 0.6 }]);
    expect(summarizeDrop(stored, '2026-12-07', '2026-12-07', money)).toBe('Store-wide: orders on 2026-12-07 were 21, expected 40 (-48%); mostly channel web (60% of the shortfall)');
    expect(summarizeDrop(wholeWith(stored.explainedBy.slice(0, 2)), '2026-12-07', '2026-12-07', money)).toBe('Store-wide: orders on 2026-12-07 were 21, expected 40 (-48%)');
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
