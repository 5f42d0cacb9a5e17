import { describe, expect, it } from 'vitest';
import { inflectDate } from './date-case.js';
import { createFormatters } from './format.js';
import { intlTagByLocale, lookupMessage, messagesByLocale } from './messages.js';
import { pluralKey } from './plural.js';

type Tree = { [key: string]: string | Tree };

function flattenKeys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : flattenKeys(value, `${prefix}${key}.`)));
}

const latvian = createFormatters(intlTagByLocale.lv, 'EUR', 'UTC');
const t = (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale.lv, key, variables);
// Intl's long form writes every month in full, and in the nominative, as the medium form does marts and maijs
const longDate = new Intl.DateTimeFormat(intlTagByLocale.lv, { dateStyle: 'long', timeZone: 'UTC' });
const longDay = (day: string) => longDate.format(new Date(`${day}T00:00:00Z`));

describe('a Latvian date in the case its sentence asks', () => {
  it.each([
    ['2026-03-02', 'genitive', '2026. gada 2. marta'],
    ['2026-05-18', 'genitive', '2026. gada 18. maija'],
    ['2026-06-01', 'genitive', '2026. gada 1. jūnija'],
    ['2026-07-04', 'genitive', '2026. gada 4. jūlija'],
    ['2026-04-30', 'genitive', '2026. gada 30. aprīļa'],
    ['2026-05-18', 'dative', '2026. gada 18. maijam'],
    ['2026-06-01', 'accusative', '2026. gada 1. jūniju'],
    ['2026-07-04', 'locative', '2026. gada 4. jūlijā'],
    ['2026-12-05', 'dative', '2026. gada 5. decembrim'],
  ] as const)('writes %s in the %s as "%s"', (day, grammaticalCase, expected) => {
    expect(inflectDate(longDay(day), grammaticalCase)).toBe(expected);
  });

  it('inflects the medium form the app shows, and leaves an abbreviated month as written', () => {
    expect(inflectDate(latvian.date('2026-03-02'), 'genitive')).toBe('2026. gada 2. marta');
    expect(inflectDate(latvian.date('2026-05-18'), 'dative')).toBe('2026. gada 18. maijam');
    expect(inflectDate(latvian.date('2026-12-05'), 'genitive')).toBe(latvian.date('2026-12-05'));
    expect(inflectDate(latvian.month('2024-03'), 'genitive')).toBe('2024. g. marta');
  });

  it('inflects only the date\'s own month, not a second date already in its own case', () => {
    expect(inflectDate('2026. gada 2. marts (no 2026. gada 4. marta)', 'genitive')).toBe('2026. gada 2. marta (no 2026. gada 4. marta)');
    expect(inflectDate('2026. gada 2. marts (līdz šim)', 'genitive')).toBe('2026. gada 2. marta (līdz šim)');
  });
});

describe('the Latvian messages, filled with real dates', () => {
  it('name a week of the revenue trend by its first day in the genitive after "no"', () => {
    expect(t('reports.revenue.tooltipWeek', { period: latvian.date('2026-03-02') })).toBe('Nedēļa no 2026. gada 2. marta');
    expect(t('reports.revenue.tooltipWeek', { period: latvian.date('2026-05-18') })).toBe('Nedēļa no 2026. gada 18. maija');
    const cut = t('reports.revenue.fromDay', { period: latvian.date('2026-03-02'), day: latvian.date('2026-03-04') });
    expect(t('reports.revenue.tooltipWeek', { period: cut })).toBe('Nedēļa no 2026. gada 2. marta (no 2026. gada 4. marta)');
    expect(t('reports.revenue.toDay', { period: latvian.date('2026-05-18'), day: latvian.date('2026-05-20') })).toBe('2026. gada 18. maijs (līdz 2026. gada 20. maijam)');
  });

  it('name a cohort by its month in the genitive, as it owns the month of the tooltip', () => {
    const variables = { cohort: latvian.month('2024-03'), month: '2', rate: '40%', active: '2', customers: '5' };
    expect(t(pluralKey('lv', 'reports.cohorts.tooltip', 5), variables)).toBe('2024. g. marta kohortas 2. mēnesis: 40% pirka šajā mēnesī (2 no 5 klientiem)');
    expect(t(pluralKey('lv', 'reports.cohorts.tooltipPartial', 1), { ...variables, cohort: latvian.month('2024-05') })).toMatch(/^2024\. g\. maija kohortas 2\. mēnesis līdz šim/);
  });

  it('say when something happened with the date in the locative', () => {
    expect(t('settings.apiKeys.revokedOn', { date: latvian.date('2026-03-02') })).toBe('Atsaukta 2026. gada 2. martā');
    expect(t('reports.revenue.startsLateNote.week', { period: latvian.date('2026-05-18'), day: latvian.date('2026-05-20') })).toMatch(/^2026\. gada 18\. maijs: aplūkotais laiks sākas 2026\. gada 20\. maijā,/);
    expect(t('typeReasons.new', { date: latvian.date('2026-03-02') })).toBe('Jauns: pirmais pirkums 2026. gada 2. martā');
  });

  it('put no date in the nominative after a preposition, before the word it belongs to or as the time of an event', () => {
    const names = ['date', 'day', 'from', 'to', 'previousFrom', 'previousTo', 'previousDay', 'asOf', 'overdueDate', 'period', 'cohort', 'at', 'predictedAt', 'now', 'previousNow'];
    for (const [day, month] of [['2026-03-02', 'marts'], ['2026-05-18', 'maijs']]) {
      const date = latvian.date(day);
      // a filter problem repeats the bounds the server was sent as written, never a formatted date
      const keys = flattenKeys(messagesByLocale.lv as unknown as Tree).filter((key) => !key.startsWith('segments.filterProblems.'));
      const filled = keys.map((key) => t(key, Object.fromEntries(names.map((name) => [name, date]))));
      const nominative = `\\d{4}\\. gada \\d{1,2}\\. ${month}`;
      const wrong = filled.filter((text) => new RegExp(`(^|\\s)(no|kopš|līdz|uz|pēc|pirms|sākas|beidzas|veikta|atsaukta|atsaukts|pielāgots|atrastas|aprēķināts|pirkums|interese) ${nominative}|${nominative} (beigās|kohortas|analīzes|saņēma)`).test(text));
      expect(wrong).toEqual([]);
    }
  });

  it('leave English and Indonesian dates as Intl writes them', () => {
    expect(lookupMessage(messagesByLocale.en, 'reports.revenue.tooltipWeek', { period: createFormatters(intlTagByLocale.en, 'EUR', 'UTC').date('2026-03-02') })).toBe('Week of 2 Mar 2026');
    expect(lookupMessage(messagesByLocale.id, 'reports.revenue.tooltipWeek', { period: createFormatters(intlTagByLocale.id, 'EUR', 'UTC').date('2026-03-02') })).toMatch(/2 Mar 2026$/);
  });
});
