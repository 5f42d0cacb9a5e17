import { describe, expect, it } from 'vitest';
import { middleEllipsis, shortLabels } from './short-labels.js';

describe('middleEllipsis', () => {
  it.each([
    ['VIP', 22, 'VIP'],
    ['Exactly twenty-two chr', 22, 'Exactly twenty-two chr'],
    ['Big spenders Jakarta east side', 22, 'Big spenders…ast side'],
    ['Big spenders Jakarta evening buyers', 22, 'Big spenders…g buyers'],
    ['abcdef', 3, 'ab…'],
  ])('cuts "%s" to %i characters as "%s"', (name, budget, label) => {
    expect(middleEllipsis(name, budget)).toBe(label);
    expect(Array.from(middleEllipsis(name, budget)).length).toBeLessThanOrEqual(budget);
  });

  it('never splits an emoji', () => {
    expect(middleEllipsis('🎉🎉🎉 Autumn re-engagement 🎉🎉', 10)).toBe('🎉🎉🎉 Au…🎉🎉');
  });
});

describe('shortLabels', () => {
  it('keeps names that fit, and cuts a long one in the middle so its end still shows', () => {
    expect(shortLabels(['VIP', 'Big spenders Jakarta east side', 'Big spenders Jakarta evening buyers'], 22))
      .toEqual(['VIP', 'Big spenders…ast side', 'Big spenders…g buyers']);
  });

  it('numbers names that differ only in the middle, so no two rows read the same', () => {
    const names = ['Big spenders Jakarta east — autumn 2026', 'Big spenders Jakarta west — autumn 2026', 'Lapsed'];
    const labels = shortLabels(names, 22);
    expect(labels).toEqual(['Big spender…n 2026 (1)', 'Big spender…n 2026 (2)', 'Lapsed']);
    expect(labels.every((label) => Array.from(label).length <= 22)).toBe(true);
  });

  it('numbers two segments of the same name', () => {
    expect(shortLabels(['VIP', 'VIP', 'Regulars'], 22)).toEqual(['VIP (1)', 'VIP (2)', 'Regulars']);
  });

  it('gives distinct labels whatever the names, even where a number would meet another name', () => {
    const names = ['VIP', 'VIP', 'VIP (1)', 'Big spenders Jakarta east — autumn', 'Big spenders Jakarta west — autumn', 'x'.repeat(40), 'x'.repeat(41)];
    for (const budget of [6, 12, 22]) {
      const labels = shortLabels(names, budget);
      expect({ budget, distinct: new Set(labels).size }).toEqual({ budget, distinct: names.length });
    }
  });
});
