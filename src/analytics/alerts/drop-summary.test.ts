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
    // the percent comes from the figures (−61.3%), not from the stored change
    expect(summarizeDrop(pastries, '2026-12-01', '2026-12-07', money))
      .toBe(`Category pastries: revenue in the week 2026-12-01 – 2026-12-07 was ${rupiah(1_200_000)}, expected ${rupiah(3_100_000)} (-61%)`);
  });

  it('says "Store-wide" first for the whole store, and names the segment that explains most of the shortfall', () => {
    const whole: DropFigures = { metric: 'orders', scope: 'all', granularity: 'day', expected: 40.4, actual: 21, changePct: -48, explainedBy: [{ dimension: 'channel', segment: 'web', share: 0.874 }] };
    expect(summarizeDrop(whole, '2026-12-07', '2026-12-07', money)).toBe('Store-wide: orders on 2026-12-07 were 21, expected 40 (-48%); mostly channel web (87% of the shortfall)');
  });

  const wholeWith = (explainedBy: DropFigures['explainedBy']): DropFigures => ({ metric: 'orders', scope: 'all', granularity: 'day', expected: 40.4, actual: 21, changePct: -48, explainedBy });

  it('says a segment that fell by more than the whole shortfall did so while the others were above theirs when the complete list shows no other of its kind fell, never "mostly" above 100%', () => {
    expect(summarizeDrop(wholeWith([{ dimension: 'channel', segment: 'web', share: 1.39 }]), '2026-12-07', '2026-12-07', money))
      .toBe('Store-wide: orders on 2026-12-07 were 21, expected 40 (-48%); channel web fell by 139% of the store\'s shortfall, while the others were above theirs');
    expect(summarizeDrop(wholeWith([{ dimension: 'channel', segment: 'web', share: 1.39, expected: 30, actual: 3 }, { dimension: 'type', segment: 'regular', share: 0.4 }]), '2026-12-07', '2026-12-07', money))
      .toBe('Store-wide: orders on 2026-12-07 were 21, expected 40 (-48%); channel web: 27 below its expectation (139% of the store\'s shortfall), while the others were above theirs');
  });

  // the reviewer's store (lv): web −93%, store −2.1% against their own expectations, which add up to more than the store's
  const euro = moneyFormatOf('EUR', 'lv');
  const webAndStore: DropFigures = {
    metric: 'revenue', scope: 'all', granularity: 'day', expected: 59_538.75, actual: 32_422, changePct: -45.5,
    explainedBy: [
      { dimension: 'channel', segment: 'web', share: 1.0632573347961438, expected: 30_993.083333333336, actual: 2161 },
      { dimension: 'type', segment: 'occasional', share: 0.6786955172233643, expected: 44_615.01666666666, actual: 26_211 },
      { dimension: 'channel', segment: 'store', share: 0.02374915873030507, expected: 30_905, actual: 30_261 },
    ],
  };

  it('rounds the change once, from the exact figures, half away from zero: −45.54% reads −46%, not the stored −45.5 rounded again', () => {
    expect(summarizeDrop(webAndStore, '2026-11-30', '2026-11-30', euro)).toContain(`expected ${formatMoneyWith(euro, 59_539)} (-46%)`);
    expect(summarizeDrop({ ...pastries, expected: 200, actual: 109, changePct: -45.5 }, '2026-12-01', '2026-12-07', money)).toContain('(-46%)');
  });

  it('says only how far a segment fell below its own expectation when another of its kind fell too, never that others rose', () => {
    expect(summarizeDrop(webAndStore, '2026-11-30', '2026-11-30', euro))
      .toBe(`Store-wide: revenue on 2026-11-30 was ${formatMoneyWith(euro, 32_422)}, expected ${formatMoneyWith(euro, 59_539)} (-46%); channel web: ${formatMoneyWith(euro, 28_832)} below its expectation (106% of the store's shortfall)`);
  });

  it('does not say others rose when the list is full, since a falling segment may have been left out of it, nor for customer types', () => {
    const full = wholeWith([{ dimension: 'channel', segment: 'web', share: 1.2 }, ...['a', 'b', 'c', 'd'].map((segment) => ({ dimension: 'category', segment, share: 0.1 }))]);
    expect(summarizeDrop(full, '2026-12-07', '2026-12-07', money)).toMatch(/channel web fell by 120% of the store's shortfall$/);
    expect(summarizeDrop(wholeWith([{ dimension: 'type', segment: 'regular', share: 1.2 }]), '2026-12-07', '2026-12-07', money)).toMatch(/type regular fell by 120% of the store's shortfall$/);
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
