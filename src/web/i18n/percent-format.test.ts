import { describe, expect, it } from 'vitest';
import { createFormatters } from './format.js';

// the API gives shares unrounded (src/analytics/reports.service.ts): the web app rounds them once
describe('format.percent', () => {
  it.each([
    ['lv', 3029 / 23570, '12,9%'], ['en', 3029 / 23570, '12.9%'], ['id', 3029 / 23570, '12,9%'],
    ['lv', 0.051504, '5,2%'], ['en', 0.051504, '5.2%'], ['id', 0.051504, '5,2%'],
    ['lv', 14742 / 23570, '62,5%'], ['en', 14742 / 23570, '62.5%'], ['id', 14742 / 23570, '62,5%'],
    ['lv', 0, '0%'], ['en', 0, '0%'], ['id', 0, '0%'],
  ] as const)('writes (%s) %d as "%s", rounded once', (locale, share, expected) => {
    expect(createFormatters(locale, 'EUR', 'UTC').percent(share)).toBe(expected);
  });

  it('keeps whole percents for a legend\'s ends, half away from zero', () => {
    const format = createFormatters('en', 'EUR', 'UTC');
    expect(format.percent(0.25, 0)).toBe('25%');
    expect(format.percent(0, 0)).toBe('0%');
    expect(format.percent(0.005, 0)).toBe('1%');
  });
});
