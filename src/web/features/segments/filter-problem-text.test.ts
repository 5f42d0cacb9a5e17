import { describe, expect, it } from 'vitest';
import { filterProblemKinds } from '../../../segments/filter-problems.js';
import { checkFilter } from '../../../segments/filter-schema.js';
import { ApiError } from '../../api/client.js';
import type { Locale } from '../../api/types.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { describeFilterProblem, jsonErrorText, valueAtPath, type FilterProblemDetail } from './filter-problem-text.js';
import { filterProblemsOf } from './filter-text.js';
import { jsonErrorPlace } from './json-error-place.js';

const tIn = (locale: Locale) => (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);

// A bad filter per kind the server reports, checked by the server's own rules: the web words what the server says.
const filterByKind: Record<string, unknown> = {
  unknown_field: { field: 'colour', op: 'eq', value: 'red' },
  unknown_operator: { field: 'city', op: 'like', value: 'J%' },
  operator_not_allowed: { field: 'age', op: 'contains', value: '3' },
  value_missing: { field: 'age', op: 'gt' },
  range_reversed: { field: 'age', op: 'between', value: [40, 20] },
  window_empty: { interest: { within: { from: { days_ago: 7 }, to: { days_ago: 7 } } } },
  // 1 + 75 × (an and of 3): more than 300 conditions, no list longer than 100
  too_many_conditions: { or: Array.from({ length: 75 }, () => ({ and: Array.from({ length: 3 }, () => ({ field: 'age', op: 'gt', value: 1 })) })) },
  too_deep: Array.from({ length: 14 }).reduce<unknown>((inner) => ({ not: inner }), { field: 'age', op: 'gt', value: 1 }),
  condition_expected: { or: ['city = x'] },
  key_not_alone: { and: [], or: [] },
  condition_list_expected: { and: 'x' },
  unknown_condition: { select: 'customer_id' },
  type_mismatch: { field: 'age', op: 'gt', value: 'thirty' },
  key_missing: { field: 'city' },
  too_small: { field: 'city', op: 'in', value: [] },
  too_big: { field: 'city', op: 'eq', value: 'x'.repeat(201) },
  unknown_keys: { field: 'city', op: 'eq', value: 'x', colour: 'red' },
  not_one_of: { purchased: { measure: 'weight' } },
  text_or_list_expected: { interest: { kind: 5 } },
  date_expected: { field: 'last_purchase_at', op: 'gte', value: { weeks: 3 } },
  real_day_expected: { field: 'last_purchase_at', op: 'gte', value: '31/01/2026' },
  count_expected: { purchased: { count: { op: 'gte', value: 1.5 } } },
  between_pair_expected: { purchased: { count: { op: 'between', value: 2 } } },
  time_window_expected: { purchased: { within: { weeks: 2 } } },
};

const problemOf = (kind: string): FilterProblemDetail => {
  const problem = checkFilter(filterByKind[kind]).problems[0]!;
  expect(problem.kind).toBe(kind);
  return problem;
};

// params said in words rather than as sent
const wordedParams = new Set(['expected', 'received', 'fieldType', 'origin']);
const valuesNamed = (params: Record<string, unknown>) => Object.entries(params)
  .filter(([name]) => !wordedParams.has(name))
  .flatMap(([, value]) => (Array.isArray(value) ? value.map(String) : [String(value)]));

describe('describeFilterProblem', () => {
  it('has a filter above for every kind the server reports but "other"', () => {
    expect(filterProblemKinds.filter((kind) => kind !== 'other' && !(kind in filterByKind))).toEqual([]);
  });

  it.each(Object.keys(filterByKind).flatMap((kind) => (['id', 'lv'] as const).map((locale) => [kind, locale] as const)))(
    'says %s in %s with the values it names, keeping the English for support',
    (kind, locale) => {
      const problem = problemOf(kind);
      const text = describeFilterProblem(problem, tIn(locale), locale);
      expect(text).toMatchObject({ lang: locale, original: problem.message });
      expect(text.text).not.toMatch(/\{\w+\}/);
      for (const value of valuesNamed(problem.params!)) expect(text.text).toContain(value);
    },
  );

  it('names both relative date forms, days ago and days ahead, in every language', () => {
    for (const locale of ['en', 'id', 'lv'] as const) {
      const { text } = describeFilterProblem(problemOf('date_expected'), tIn(locale), locale);
      expect(text).toContain('{"days_ago": 90}');
      expect(text).toContain('{"days_ahead": 7}');
    }
    expect(problemOf('date_expected').message).toContain('{"days_ahead": 7}');
  });

  it('says a type in words: "expected a number, got a text"', () => {
    expect(describeFilterProblem(problemOf('type_mismatch'), tIn('id'), 'id').text).toBe('Seharusnya angka, bukan teks.');
    expect(describeFilterProblem(problemOf('type_mismatch'), tIn('lv'), 'lv').text).toBe('Gaidīts skaitlis, nevis teksts.');
    expect(describeFilterProblem(problemOf('operator_not_allowed'), tIn('lv'), 'lv').text).toContain('(tips: Skaitlis)');
  });

  it('names the refused value beside the allowed ones, from the server or else from the filter sent', () => {
    const [channel] = checkFilter({ purchased: { channel: 'telepathy' } }).problems;
    expect(describeFilterProblem(channel!, tIn('en'), 'en').text).toBe('"telepathy" is not allowed here; use one of: store, web, mobile, marketplace, phone, other.');
    const filter = { and: [{ purchased: { measure: 'weight' } }] };
    const [measure] = checkFilter(filter).problems;
    expect(measure).toMatchObject({ path: 'filter.and[0].purchased.measure', kind: 'not_one_of' });
    for (const locale of ['en', 'id', 'lv'] as const) expect(describeFilterProblem(measure!, tIn(locale), locale, filter).text).toContain('"weight"');
    expect(describeFilterProblem({ ...measure!, params: { allowed: ['orders'] } }, tIn('en'), 'en').text).toBe('Use one of: orders.');
  });

  it('names each allowed code with the label the builder shows for it, so the JSON editor can be given the code', () => {
    const filter = { field: 'rfm_segment', op: 'eq', value: 'Čempioni' };
    const [problem] = checkFilter(filter).problems;
    expect(problem).toMatchObject({ kind: 'not_one_of' });
    const latvian = describeFilterProblem(problem!, tIn('lv'), 'lv', filter).text;
    expect(latvian).toMatch(/^"Čempioni" te nav atļauts; izmantojiet kādu no šiem: Champions \(Čempioni\), Loyal \(Lojālie\), /);
    // a code that reads as its own label is not said twice
    expect(describeFilterProblem(problem!, tIn('en'), 'en', filter).text).toContain('use one of: Champions, Loyal, ');
    const listed = { and: [{ field: 'churn_risk', op: 'in', value: ['low', 'augsts'] }] };
    const [risk] = checkFilter(listed).problems;
    expect(risk).toMatchObject({ path: 'filter.and[0].value[1]' });
    expect(describeFilterProblem(risk!, tIn('lv'), 'lv', listed).text).toContain('high (');
  });

  it('reads the value at a path as the server writes it, and nothing from a path that leads nowhere', () => {
    const filter = { or: [{ field: 'city', op: 'in', value: ['Riga', 'Tallinn'] }] };
    expect(valueAtPath(filter, 'filter.or[0].value[1]')).toBe('Tallinn');
    expect(valueAtPath(filter, 'filter.or[1].value')).toBeUndefined();
    expect(valueAtPath(filter, 'filter.or[0]..value')).toBeUndefined();
    expect(valueAtPath(filter, 'filter.or[0].value.constructor')).toBeUndefined();
    expect(valueAtPath(filter, 'elsewhere.or')).toBeUndefined();
  });

  it('suggests the field a typo meant', () => {
    const [problem] = checkFilter({ field: 'agee', op: 'gt', value: 3 }).problems;
    expect(describeFilterProblem(problem!, tIn('id'), 'id').text).toBe('Tidak ada bidang "agee"; mungkin maksudnya "age"?');
  });

  it('words English too, from the same kind, with no second English text', () => {
    expect(describeFilterProblem(problemOf('unknown_operator'), tIn('en'), 'en')).toEqual({
      text: '"like" is not an operator; for city use one of: eq, neq, in, nin, contains, starts_with, is_null.', lang: 'en', original: null,
    });
  });

  it('shows the server\'s English for a kind it does not know, a problem with no kind, or a sentence missing a value', () => {
    const message = 'something new is wrong';
    expect(describeFilterProblem({ path: 'filter', message, kind: 'something_new', params: {} }, tIn('lv'), 'lv')).toEqual({ text: message, lang: 'en', original: null });
    expect(describeFilterProblem({ path: 'filter', message, kind: 'other', params: {} }, tIn('lv'), 'lv')).toEqual({ text: message, lang: 'en', original: null });
    expect(describeFilterProblem({ path: 'filter', message }, tIn('id'), 'id')).toEqual({ text: message, lang: 'en', original: null });
    expect(describeFilterProblem({ path: 'filter', message, kind: 'unknown_operator', params: { op: 'like' } }, tIn('id'), 'id').lang).toBe('en');
    expect(describeFilterProblem({ path: 'filter', message, kind: 'too_small', params: { origin: 'set', minimum: 1 } }, tIn('id'), 'id').lang).toBe('en');
    expect(describeFilterProblem({ path: 'filter', message, kind: 'constructor', params: {} }, tIn('id'), 'id').lang).toBe('en');
  });

  it('names a number outside its field\'s range with the field\'s label, its range and the value, in the reader\'s numbers', () => {
    const [pAlive] = checkFilter({ field: 'p_alive', op: 'gt', value: 1.5 }).problems;
    const [age] = checkFilter({ field: 'age', op: 'lt', value: -1 }).problems;
    const [revenue] = checkFilter({ field: 'revenue_minor', op: 'gte', value: -5 }).problems;
    const [belowZero] = checkFilter({ field: 'p_alive', op: 'lt', value: -0.25 }).problems;
    expect(describeFilterProblem(pAlive!, tIn('en'), 'en').text).toBe('Chance still active must be between 0 and 1; 1.5 is not.');
    expect(describeFilterProblem(pAlive!, tIn('id'), 'id').text).toBe('Peluang masih aktif harus antara 0 dan 1, bukan 1,5.');
    expect(describeFilterProblem(pAlive!, tIn('lv'), 'lv')).toEqual({ text: 'Iespēja, ka joprojām aktīvs: jābūt no 0 līdz 1; 1,5 nav derīgs.', lang: 'lv', original: pAlive!.message });
    // the server sends the bound crossed; the sentence still gives the whole range
    expect(describeFilterProblem(belowZero!, tIn('lv'), 'lv').text).toBe('Iespēja, ka joprojām aktīvs: jābūt no 0 līdz 1; -0,25 nav derīgs.');
    expect(describeFilterProblem(age!, tIn('en'), 'en').text).toBe('Age must be 0 or more; -1 is not.');
    expect(describeFilterProblem(revenue!, tIn('id'), 'id').text).toBe('Pendapatan harus minimal 0, bukan -5.');
  });

  it('words a range problem without its field or value as before', () => {
    const [pAlive] = checkFilter({ field: 'p_alive', op: 'gt', value: 1.5 }).problems;
    const { origin, maximum } = pAlive!.params;
    expect(describeFilterProblem({ ...pAlive!, params: { origin, maximum } }, tIn('en'), 'en').text).toBe('Too large: the highest allowed is 1.');
  });

  it('says which data a condition needs when the store lacks it (SEGMENT_SOURCE_MISSING)', () => {
    const error = new ApiError(400, 'SEGMENT_SOURCE_MISSING', 'The condition on "rfm_segment" needs customer_rfm column segment, which this store does not have yet (RFM scores: run `clientele analyze` after the analytics migration).', 'rfm_segment', { source: 'rfm' });
    const [problem] = filterProblemsOf(error);
    expect(problem).toMatchObject({ path: '', kind: 'source_missing', params: { field: 'rfm_segment', source: 'rfm' } });
    expect(describeFilterProblem(problem!, tIn('lv'), 'lv').text).toBe('Nosacījumam par rfm_segment vajag RFM vērtējumus, kuru šajā veikalā vēl nav: vispirms palaidiet analīzi.');
    expect(describeFilterProblem(problem!, tIn('id'), 'id')).toMatchObject({ lang: 'id', original: error.message });
    // from a server that does not name the source yet: its English
    expect(describeFilterProblem(filterProblemsOf(new ApiError(400, 'SEGMENT_SOURCE_MISSING', 'needs data', 'rfm_segment'))[0]!, tIn('lv'), 'lv').lang).toBe('en');
  });
});

describe('jsonErrorText', () => {
  it('says where the JSON breaks, in the user\'s language', () => {
    expect(jsonErrorText(jsonErrorPlace('{"and": [\n  {"field": "city",}\n]}')!, tIn('lv'))).toBe('Rinda 2, kolonna 20: "}" te nav gaidīts; pārbaudiet komatus, pēdiņas un iekavas tieši pirms tā.');
    expect(jsonErrorText(jsonErrorPlace('{"and": [')!, tIn('id'))).toBe('Teks berakhir sebelum JSON selesai (baris 1, kolom 10): ada kurung atau tanda kutip yang belum ditutup.');
    expect(jsonErrorText(jsonErrorPlace('{"city": "Ri\nga"}')!, tIn('en'))).toBe('Line 1, column 13: "\\n" is not expected here; check the commas, quotes and brackets just before it.');
  });
});
