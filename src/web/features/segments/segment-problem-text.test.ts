import { describe, expect, it } from 'vitest';
import type { SegmentProblem } from '../../api/analytics-types.js';
import type { Locale } from '../../api/types.js';
import { createFormatters } from '../../i18n/format.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { checkFilter } from '../../../segments/filter-schema.js';
import { describeFilterProblem } from './filter-problem-text.js';
import { problemsOfCondition, segmentProblemText } from './segment-problem-text.js';

const tIn = (locale: Locale) => (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);
const wordsIn = (locale: Locale) => ({ t: tIn(locale), format: createFormatters(locale, 'IDR', 'Asia/Jakarta') });
const coffee = 'young low-spend small-basket, coffee';
const retired: SegmentProblem = { field: 'persona', value: coffee, code: 'PERSONA_RETIRED', retiredAt: '2026-06-01T05:00:00Z' };

describe('a saved segment naming a retired persona, in words', () => {
  it.each([
    ['en', `No persona is called “${coffee}” any more: it was retired by the discovery of`],
    ['id', `Tidak ada lagi persona bernama “${coffee}”: persona itu tidak berlaku lagi sejak penemuan tanggal`],
    // the date before the noun it belongs to (an abbreviated month reads in any case)
    ['lv', 'to atcēla 2026. gada 1. jūn. atrašana; dalībnieki: 0.'],
  ] as const)('says in %s that no persona has the name, since which discovery, and the members left', (locale, expected) => {
    const text = segmentProblemText(retired, 0, wordsIn(locale));
    expect(text).toContain(expected);
    expect(text).toContain(coffee);
    expect(text).not.toMatch(/\{\w+/);
  });

  it('places the warning beside the condition that names the persona, in any letter case and inside a group', () => {
    expect(problemsOfCondition({ field: 'persona', op: 'eq', value: coffee.toUpperCase() }, [retired])).toEqual([retired]);
    expect(problemsOfCondition({ or: [{ field: 'persona', op: 'in', value: ['Office buyers', coffee] }] }, [retired])).toEqual([retired]);
    expect(problemsOfCondition({ field: 'consent_email', op: 'eq', value: true }, [retired])).toEqual([]);
  });

  it('quotes each persona name a refused name is told to choose from', () => {
    const [problem] = checkFilter({ field: 'persona', op: 'eq', value: 'coffee' }, { storeLists: { persona: [coffee, 'Office buyers'] } }).problems;
    expect(describeFilterProblem(problem!, tIn('en'), 'en').text).toBe(`"coffee" is not allowed here; use one of: "${coffee}", "Office buyers".`);
  });
});
