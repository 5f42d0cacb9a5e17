import { describe, expect, it } from 'vitest';
import { defaultTypePolicy, parseTypePolicy, type TypePolicy } from '../../../analytics/policy.js';
import { mergePolicy } from '../../../analytics/policy.js';
import { createFormatters } from '../../i18n/format.js';
import { intlTagByLocale, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { exactMoneyText, numericPolicyFields, parsePolicyValue, policyChange, policyDraft, policyDraftInLanguage, policyRangeText, policyValueText, readPolicyValue, refusedPolicyPaths } from './policy-fields.js';

const { en, id, lv } = intlTagByLocale;

const withValue = (path: string, value: number): unknown => {
  const [head, leaf] = path.split('.');
  return mergePolicy(defaultTypePolicy, leaf === undefined ? { [head]: value } : { [head]: { [leaf]: value } });
};
const serverAccepts = (path: string, value: number) => {
  try {
    parseTypePolicy(withValue(path, value));
    return true;
  } catch {
    return false;
  }
};

describe('the policy form fields', () => {
  it('cover every numeric threshold of the policy, and nothing else', () => {
    const leaves = (node: unknown, prefix = ''): string[] => Object.entries(node as Record<string, unknown>)
      .flatMap(([key, value]) => (typeof value === 'object' ? leaves(value, `${prefix}${key}.`) : typeof value === 'number' ? [`${prefix}${key}`] : []));
    expect(numericPolicyFields.map((field) => field.path).sort()).toEqual(leaves(defaultTypePolicy).sort());
  });

  it.each(numericPolicyFields.map((field) => [field.path, field] as const))('%s accepts exactly what the server accepts at its bounds', (path, field) => {
    const scale = field.isShare ? 100 : 1;
    const step = field.isWhole ? 1 : 0.01;
    const probes = [field.min.value - step, field.min.value, field.min.value + step];
    // a field without a maximum must be one the server takes any size of
    probes.push(...(field.max ? [field.max.value - step, field.max.value, field.max.value + step] : [1e15]));
    if (field.isWhole) probes.push(field.min.value + 0.5);
    for (const shown of probes) {
      const kept = parsePolicyValue(field, String(shown), en);
      expect({ shown, formAccepts: kept !== null }).toEqual({ shown, formAccepts: serverAccepts(path, shown / scale) });
    }
  });
});

describe('policyDraft and policyChange', () => {
  it('shows shares as percentages without floating-point noise, and sends nothing when nothing changed', () => {
    const draft = policyDraft(defaultTypePolicy, en);
    expect(draft.numbers['lapsed.pAliveBelow']).toBe('30');
    expect(draft.numbers['occasional.promotionDrivenShare']).toBe('50');
    expect(policyChange(defaultTypePolicy, draft, en)).toEqual({ change: {}, invalidPaths: [], problems: {} });
  });

  it('sends only what changed, nested and in the server units', () => {
    const draft = policyDraft(defaultTypePolicy, en);
    draft.numbers['vip.topPercent'] = '3';
    draft.numbers['lapsed.pAliveBelow'] = '25';
    draft.numbers.newWithinDays = '14';
    draft.vipBasis = 'frequency';
    const { change, invalidPaths } = policyChange(defaultTypePolicy, draft, en);
    expect(invalidPaths).toEqual([]);
    expect(change).toEqual({ newWithinDays: 14, vip: { topPercent: 3, basis: 'frequency' }, lapsed: { pAliveBelow: 0.25 } });
    const merged = parseTypePolicy(mergePolicy(defaultTypePolicy, change)) as TypePolicy;
    expect(merged.lapsed.quietDays).toBe(180);
  });

  it('edits the silence P(alive) waits for in days, 0 turning the wait off', () => {
    const draft = policyDraft(defaultTypePolicy, en);
    expect(draft.numbers['lapsed.pAliveMinQuietDays']).toBe('180');
    draft.numbers['lapsed.pAliveMinQuietDays'] = '0';
    expect(policyChange(defaultTypePolicy, draft, en)).toEqual({ change: { lapsed: { pAliveMinQuietDays: 0 } }, invalidPaths: [], problems: {} });
  });

  it('names every field whose text is not acceptable', () => {
    const draft = policyDraft(defaultTypePolicy, en);
    draft.numbers['loyal.periodMonths'] = '1.5';
    draft.numbers['vip.topPercent'] = '';
    draft.numbers['atRisk.overdueFactor'] = 'two';
    expect(policyChange(defaultTypePolicy, draft, en).invalidPaths).toEqual(['loyal.periodMonths', 'vip.topPercent', 'atRisk.overdueFactor']);
  });
});

describe('policyValueText', () => {
  const field = (path: string) => numericPolicyFields.find((candidate) => candidate.path === path)!;

  it('says a default in the reader\'s numbers, shares as percentages', () => {
    expect(policyValueText(defaultTypePolicy, field('alerts.zThreshold'), lv)).toBe('3,5');
    expect(policyValueText(defaultTypePolicy, field('alerts.zThreshold'), id)).toBe('3,5');
    expect(policyValueText(defaultTypePolicy, field('occasional.promotionDrivenShare'), lv)).toBe('50');
    expect(policyValueText(defaultTypePolicy, field('lapsed.pAliveBelow'), en)).toBe('30');
  });

  it('is what the field shows, so the hint and the field write a number alike', () => {
    expect(policyDraft(defaultTypePolicy, id).numbers['alerts.zThreshold']).toBe('3,5');
    expect(policyDraft(defaultTypePolicy, lv).numbers['alerts.zThreshold']).toBe('3,5');
    expect(policyDraft(defaultTypePolicy, en).numbers['alerts.zThreshold']).toBe('3.5');
    // never grouped: "1.000" would read one thousand in Indonesian and one in English
    const big = parseTypePolicy(mergePolicy(defaultTypePolicy, { alerts: { minExpected: 25000 } })) as TypePolicy;
    for (const tag of [en, id, lv]) expect(policyDraft(big, tag).numbers['alerts.minExpected']).toBe('25000');
    // what the form shows it reads back as the same value, in every language
    for (const tag of [en, id, lv]) expect(policyChange(defaultTypePolicy, policyDraft(defaultTypePolicy, tag), tag)).toEqual({ change: {}, invalidPaths: [], problems: {} });
  });
});

describe('readPolicyValue', () => {
  const field = (path: string) => numericPolicyFields.find((candidate) => candidate.path === path)!;
  const overdue = field('atRisk.overdueFactor');

  it('reads a number as the reader writes it: the decimal comma in Indonesian and Latvian, the point in English', () => {
    expect(readPolicyValue(overdue, '2,5', id)).toEqual({ value: 2.5 });
    expect(readPolicyValue(overdue, '2,5', lv)).toEqual({ value: 2.5 });
    expect(readPolicyValue(overdue, '2.5', en)).toEqual({ value: 2.5 });
    expect(readPolicyValue(field('alerts.zThreshold'), ' 3,75 ', id)).toEqual({ value: 3.75 });
    expect(readPolicyValue(field('lapsed.pAliveBelow'), '12,5', id)).toEqual({ value: 0.125 });
    expect(readPolicyValue(field('alerts.minExpected'), '1 500', lv)).toEqual({ value: 1500 });
    expect(readPolicyValue(field('alerts.minExpected'), '1500', id)).toEqual({ value: 1500 });
  });

  it('never reads "2,5" as 25: the other decimal separator is refused and the number shown the reader\'s way', () => {
    expect(readPolicyValue(overdue, '2,5', en)).toEqual({ problem: { kind: 'otherDecimal', example: 2.5 } });
    expect(readPolicyValue(overdue, '2.5', id)).toEqual({ problem: { kind: 'otherDecimal', example: 2.5 } });
    expect(readPolicyValue(field('alerts.zThreshold'), '2.5', lv)).toEqual({ problem: { kind: 'otherDecimal', example: 2.5 } });
    const draft = policyDraft(defaultTypePolicy, en);
    draft.numbers['atRisk.overdueFactor'] = '2,5';
    draft.numbers['alerts.zThreshold'] = '3,5';
    expect(policyChange(defaultTypePolicy, draft, en)).toMatchObject({ change: {}, invalidPaths: ['atRisk.overdueFactor', 'alerts.zThreshold'] });
  });

  it('refuses a text two conventions read differently, naming both readings', () => {
    expect(readPolicyValue(field('alerts.minExpected'), '2.500', id)).toEqual({ problem: { kind: 'ambiguous', readings: [2500, 2.5] } });
    expect(readPolicyValue(field('alerts.minExpected'), '1,000', en)).toEqual({ problem: { kind: 'ambiguous', readings: [1000, 1] } });
    expect(readPolicyValue(overdue, 'two', id)).toEqual({ problem: { kind: 'notNumber' } });
    expect(readPolicyValue(field('loyal.periodMonths'), '1,5', id)).toEqual({ problem: { kind: 'notNumber' } });
    expect(readPolicyValue(overdue, '1', id)).toEqual({ problem: { kind: 'range' } });
  });

  it('checks the bounds on the value sent, after rounding, as the server does', () => {
    const pAlive = field('lapsed.pAliveBelow');
    // below 100 as typed, but 1 (100%) once rounded to the 12 digits sent: the server refuses 1
    expect(readPolicyValue(pAlive, '99.9999999999999', en)).toEqual({ problem: { kind: 'rounded', kept: 100 } });
    expect(readPolicyValue(pAlive, '99,9999999999999', id)).toEqual({ problem: { kind: 'rounded', kept: 100 } });
    expect(serverAccepts('lapsed.pAliveBelow', Number((99.9999999999999 / 100).toPrecision(12)))).toBe(false);
    expect(readPolicyValue(pAlive, '99.99', en)).toEqual({ value: 0.9999 });
    expect(serverAccepts('lapsed.pAliveBelow', 0.9999)).toBe(true);
  });
});

describe('readPolicyValue, thousands and decimals', () => {
  const field = (path: string) => numericPolicyFields.find((candidate) => candidate.path === path)!;

  it('in Latvian, which groups with spaces, asks whether "1.000" is a thousand or one rather than taking it for a decimal', () => {
    expect(readPolicyValue(field('alerts.minExpected'), '1.000', lv)).toEqual({ problem: { kind: 'ambiguous', readings: [1000, 1] } });
    expect(readPolicyValue(field('alerts.zThreshold'), '2.500', lv)).toEqual({ problem: { kind: 'ambiguous', readings: [2500, 2.5] } });
    // in a field of days the decimal reading is no candidate: it is a thousand, written without the separator
    expect(readPolicyValue(field('newWithinDays'), '1.000', lv)).toEqual({ problem: { kind: 'otherGrouping', example: 1000 } });
    expect(readPolicyValue(field('newWithinDays'), '1,000', lv)).toEqual({ problem: { kind: 'otherGrouping', example: 1000 } });
    expect(readPolicyValue(field('newWithinDays'), '1 000', lv)).toEqual({ value: 1000 });
  });

  it('takes a whole number grouped the reader\'s own way, where a decimal reading is no candidate', () => {
    expect(readPolicyValue(field('newWithinDays'), '3,650', en)).toEqual({ value: 3650 });
    expect(readPolicyValue(field('newWithinDays'), '1.000', id)).toEqual({ value: 1000 });
    expect(readPolicyValue(field('newWithinDays'), '1.000', en)).toEqual({ problem: { kind: 'otherGrouping', example: 1000 } });
    // where a fraction is allowed, both readings stay candidates
    expect(readPolicyValue(field('alerts.minExpected'), '3,650', en)).toEqual({ problem: { kind: 'ambiguous', readings: [3650, 3.65] } });
  });

  it('never calls a text with several dots a decimal written the other way', () => {
    expect(readPolicyValue(field('regular.maxCoefficientOfVariation'), '1.000.000', en)).toEqual({ problem: { kind: 'range' } });
    expect(readPolicyValue(field('alerts.minExpected'), '1.000.000', en)).toEqual({ problem: { kind: 'otherGrouping', example: 1000000 } });
    expect(readPolicyValue(field('alerts.minExpected'), '1,000,000', id)).toEqual({ problem: { kind: 'otherGrouping', example: 1000000 } });
  });

  it('says the range with numbers as the field shows them, which the field reads back', () => {
    const t = (tag: string) => (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[tag === en ? 'en' : tag === id ? 'id' : 'lv'], key, variables);
    expect(policyRangeText(field('newWithinDays'), t(en), en)).toBe('from 1 to 3650');
    expect(policyRangeText(field('regular.minIntervals'), t(id), id)).toBe('dari 2 sampai 1000');
    expect(policyRangeText(field('alerts.minExpected'), t(lv), lv)).toContain('1000000000000');
    for (const tag of [en, id, lv]) {
      for (const candidate of numericPolicyFields.filter((each) => each.max && !each.max.isExclusive)) {
        const maxText = policyRangeText(candidate, t(tag), tag).split(' ').at(-1)!;
        expect({ path: candidate.path, tag, reading: readPolicyValue(candidate, maxText, tag) }).toMatchObject({ reading: { value: expect.any(Number) } });
      }
    }
  });
});

describe('policyDraftInLanguage', () => {
  it('keeps what was typed when the language changes, rewriting each clean number the new language\'s way', () => {
    const draft = policyDraft(defaultTypePolicy, en);
    draft.numbers.newWithinDays = '45';
    draft.numbers['alerts.zThreshold'] = '4.5';
    draft.numbers['atRisk.overdueFactor'] = '2,5';
    draft.numbers['alerts.minExpected'] = '1,000';
    draft.vipBasis = 'frequency';
    const latvian = policyDraftInLanguage(draft, en, lv);
    expect(latvian.vipBasis).toBe('frequency');
    expect(latvian.numbers).toMatchObject({ newWithinDays: '45', 'alerts.zThreshold': '4,5', 'atRisk.overdueFactor': '2,5', 'alerts.minExpected': '1,000' });
    expect(policyChange(defaultTypePolicy, latvian, lv).change).toMatchObject({ newWithinDays: 45, alerts: { zThreshold: 4.5 } });
    // the fields not touched still read as the stored policy: nothing else differs
    expect(latvian.numbers['lapsed.quietDays']).toBe(policyDraft(defaultTypePolicy, lv).numbers['lapsed.quietDays']);
    expect(policyDraftInLanguage(latvian, lv, en).numbers['alerts.zThreshold']).toBe('4.5');
  });
});

describe('exactMoneyText', () => {
  it('writes a fraction of the smallest unit out instead of rounding it to a whole one', () => {
    expect(exactMoneyText(0.4, createFormatters(en, 'IDR', 'UTC'), en)).toBe('IDR\u00a00.4');
    expect(exactMoneyText(2.5, createFormatters(id, 'IDR', 'UTC'), id)).toBe('Rp\u00a02,5');
    expect(exactMoneyText(0.4, createFormatters(en, 'EUR', 'UTC'), en)).toBe('€0.004');
    expect(exactMoneyText(1234.5, createFormatters(lv, 'EUR', 'UTC'), lv)).toBe('12,345\u00a0€');
    expect(exactMoneyText(5, createFormatters(en, 'EUR', 'UTC'), en)).toBe('€0.05');
    expect(exactMoneyText(1000, createFormatters(id, 'IDR', 'UTC'), id)).toBe('Rp\u00a01.000');
  });
});

describe('refusedPolicyPaths', () => {
  it('names the fields a refused save names, by field and by every issue, and no other', () => {
    const refusal = Object.assign(new Error('The type policy is invalid: lapsed.pAliveBelow must be …'), {
      code: 'ANALYTICS_POLICY_INVALID', field: 'lapsed.pAliveBelow',
      details: { issues: [{ field: 'lapsed.pAliveBelow', reason: 'x' }, { field: 'alerts.zThreshold', reason: 'y' }, { field: 'alerts', reason: 'z' }] },
    });
    expect(refusedPolicyPaths(refusal)).toEqual(['lapsed.pAliveBelow', 'alerts.zThreshold']);
    expect(refusedPolicyPaths(Object.assign(new Error('busy'), { code: 'HEAVY_WORK_RUNNING', field: 'lapsed.pAliveBelow' }))).toEqual([]);
    expect(refusedPolicyPaths(null)).toEqual([]);
  });
});
