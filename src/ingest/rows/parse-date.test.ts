import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { readIsoTimestamp } from './iso-timestamp.js';
import { dateFormatProblem, dateFormatsFor, parseDateTime, parseDateTimeWithLuxon, type DateOptions } from './parse-date.js';
import { RowProblem } from './row-problem.js';

const zones = ['Asia/Jakarta', 'Europe/Riga', 'America/New_York', 'Australia/Lord_Howe', 'UTC'];
const now = new Date('2026-06-01T00:00:00Z');

/** The parsed time, or the reason the row is refused: what a caller can observe. */
function outcome(parse: () => Date): string {
  try {
    return parse().toISOString();
  } catch (error) {
    if (error instanceof RowProblem) return `${error.field}: ${error.message}`;
    throw error;
  }
}

function expectSameAsLuxon(raw: string, timeZone: string): void {
  const options: DateOptions = { dateFormat: null, timeZone, now };
  expect(outcome(() => parseDateTime('ordered_at', raw, options))).toBe(outcome(() => parseDateTimeWithLuxon('ordered_at', raw, options)));
}

describe('the ISO 8601 fast path of parseDateTime', () => {
  it.each([
    '2025-03-01T08:15:00+07:00', '2025-03-01T08:15:00Z', '2025-03-01', '2025-03-01T08:15', '2025-03-01T08:15Z', '2025-03-01 08:15:00',
    '2025-03-01 08:15:00+07:00', '2025-03-01T08:15:00.5Z', '2025-03-01T08:15:00.57+07:00', '2025-03-01T08:15:00.123456789-05:30',
    '2025-03-01T08:15:00+0700', '2025-03-01T08:15:00+07', '2025-03-01T08:15:00-00:00', '2024-02-29', '2024-03-31T02:30:00',
    '2024-10-27T03:30:00', '2024-11-03T01:30:00', '1970-01-01T00:00:00Z', '1970-01-01', '2026-06-02T00:00:00Z', '2026-06-02T00:00:01Z',
  ])('reads %j exactly as luxon does', (raw) => {
    expect(readIsoTimestamp(raw, 'Europe/Riga')).not.toBeNull();
    for (const zone of zones) expectSameAsLuxon(raw, zone);
  });

  it.each([
    '2023-02-29', '2025-13-01', '2025-00-10', '2025-04-31', '2025-03-01T24:00:00', '2025-03-01T23:60', '2025-03-01T23:59:60',
    '2025-03-01T08:15:00z', '2025-03-01t08:15:00Z', '2025-03-01T08:15:00+07:', '2025-03-01T08:15:00+7:00', '2025-03-01T08:15:00.Z',
    '2025-03-01T08:15:00.1234567890Z', '0099-03-01', '2025-03-01T08', '20250301', '2025-03-01T08:15:00 +07:00', ' 2025-03-01 ',
    '2025-03-01T08:15:00[Asia/Jakarta]', '2025-W09-6', '2025-060', '2025-03-01T0815', '1709287200',
  ])('leaves %j to luxon, with the same outcome', (raw) => {
    expect(readIsoTimestamp(raw, 'Europe/Riga')).toBeNull();
    for (const zone of zones) expectSameAsLuxon(raw, zone);
  });

  it('agrees with luxon on random timestamps, valid or out of range, in zones with and without DST', () => {
    const pad = (value: number, width: number) => String(value).padStart(width, '0');
    const timestamp = fc
      .record({
        year: fc.integer({ min: 1000, max: 2100 }),
        month: fc.integer({ min: 0, max: 13 }),
        day: fc.integer({ min: 0, max: 32 }),
        time: fc.option(
          fc.record({
            separator: fc.constantFrom('T', ' '),
            hour: fc.integer({ min: 0, max: 24 }),
            minute: fc.integer({ min: 0, max: 60 }),
            second: fc.option(fc.integer({ min: 0, max: 60 })),
            fraction: fc.option(fc.stringMatching(/^\d{1,10}$/)),
            offset: fc.option(fc.oneof(
              fc.constant('Z'),
              fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 60 }), fc.constantFrom(':', '', 'hours only'))
                .map(([sign, hours, minutes, style]) => `${sign}${pad(hours, 2)}${style === 'hours only' ? '' : `${style}${pad(minutes, 2)}`}`),
            )),
          }),
        ),
      })
      .map(({ year, month, day, time }) => {
        const date = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
        if (time === null) return date;
        const seconds = time.second === null ? '' : `:${pad(time.second, 2)}${time.fraction === null ? '' : `.${time.fraction}`}`;
        return `${date}${time.separator}${pad(time.hour, 2)}:${pad(time.minute, 2)}${seconds}${time.offset ?? ''}`;
      });
    fc.assert(
      fc.property(timestamp, fc.constantFrom(...zones), (raw, zone) => expectSameAsLuxon(raw, zone)),
      { numRuns: 3000 },
    );
  });
});

describe('parseDateTime with a zone written in the value', () => {
  const jakarta: DateOptions = { dateFormat: null, timeZone: 'Asia/Jakarta', now };
  it.each([
    ['2024-03-01 10:00:00 UTC', '2024-03-01T10:00:00.000Z'],
    ['2024-03-01 10:00:00 GMT', '2024-03-01T10:00:00.000Z'],
    ['2024-03-01 10:00 UTC', '2024-03-01T10:00:00.000Z'],
    ['2024-03-01 10:00:00 America/New_York', '2024-03-01T15:00:00.000Z'],
    ['2024-07-01 10:00:00 America/New_York', '2024-07-01T14:00:00.000Z'],
    ['2024-03-01 10:00:00 Europe/Riga', '2024-03-01T08:00:00.000Z'],
    ['2024-03-01T10:00:00[America/New_York]', '2024-03-01T15:00:00.000Z'],
    ['2024-03-01 10:00:00 +02:00', '2024-03-01T08:00:00.000Z'],
    ['2024-03-01 10:00:00', '2024-03-01T03:00:00.000Z'],
  ])('reads %j as %s, not as store time', (raw, expected) => {
    expect(outcome(() => parseDateTime('ordered_at', raw, jakarta))).toBe(expected);
  });

  it.each([
    ['dd/MM/yyyy HH:mm z', '01/03/2024 10:00 America/New_York', '2024-03-01T15:00:00.000Z'],
    ['dd/MM/yyyy HH:mm z', '01/03/2024 10:00 UTC', '2024-03-01T10:00:00.000Z'],
    ['dd/MM/yyyy HH:mm zzz', '01/03/2024 10:00 GMT', '2024-03-01T10:00:00.000Z'],
    ['dd/MM/yyyy HH:mm VV', '01/03/2024 10:00 Europe/Riga', '2024-03-01T08:00:00.000Z'],
    ['dd/MM/yyyy HH:mm ZZ', '01/03/2024 10:00 -05:00', '2024-03-01T15:00:00.000Z'],
    ["yyyy-MM-dd'T'HH:mm", '2024-03-01T10:00', '2024-03-01T03:00:00.000Z'],
    ['dd/MM/yyyy HH:mm', '01/03/2024 10:00', '2024-03-01T03:00:00.000Z'],
  ])('with --date-format %j reads %j as %s', (dateFormat, raw, expected) => {
    expect(outcome(() => parseDateTime('ordered_at', raw, { ...jakarta, dateFormat }))).toBe(expected);
  });

  it('refuses a zone name it does not know, naming it, instead of shifting the time', () => {
    expect(outcome(() => parseDateTime('ordered_at', '2024-03-01 10:00:00 Mars/Olympus', jakarta))).toMatch(/^ordered_at: .*names the time zone "Mars\/Olympus", which is not a known IANA zone/);
    expect(outcome(() => parseDateTime('ordered_at', '01/03/2024 10:00 Mars/Olympus', { ...jakarta, dateFormat: 'dd/MM/yyyy HH:mm z' }))).toMatch(/"Mars\/Olympus", which is not a known IANA zone/);
  });

  it('refuses a format with a zone abbreviation token, saying which tokens to use', () => {
    expect(outcome(() => parseDateTime('ordered_at', '01/03/2024 10:00 EST', { ...jakarta, dateFormat: 'dd/MM/yyyy HH:mm ZZZZ' }))).toMatch(/uses ZZZZ, a zone abbreviation.*use z for names/);
  });
});

describe('dateFormatProblem', () => {
  it('accepts formats that read a year, month and day, and says why it refuses the others', () => {
    for (const format of ['dd/MM/yyyy', 'MM/dd/yyyy HH:mm', 'yyyyMMdd', "yyyy-MM-dd'T'HH:mm:ss", 'dd/MM/yyyy HH:mm z', 'd/M/yy', 'dd MMM yyyy']) expect(dateFormatProblem(format), format).toBeNull();
    expect(dateFormatProblem('qq')).toMatch(/^the date format "qq" does not read a year, month and day back/);
    expect(dateFormatProblem('dd/MM')).toMatch(/does not read a year, month and day back/);
    expect(dateFormatProblem('dd/MM/yyyy ZZZZ')).toMatch(/uses ZZZZ, a zone abbreviation/);
  });
});

describe('a time or day in the future', () => {
  // 12:00 UTC on 3 December 2026: 02:00 on 4 December in Kiritimati (+14), 01:00 on 3 December in Pago Pago (−11)
  const now = new Date('2026-12-03T12:00:00Z');
  const at = (timeZone: string, dateFormat: string | null = null): DateOptions => ({ dateFormat, timeZone, now });
  const isRefusedAsFuture = (raw: string, options: DateOptions) => /^ordered_at: .* is in the future/.test(outcome(() => parseDateTime('ordered_at', raw, options)));
  const dayMonthYear = (day: string) => {
    const [year, month, date] = day.split('-');
    return `${Number(date)}/${Number(month)}/${year.slice(2)}`;
  };

  it.each([
    ['Pacific/Kiritimati', '2026-12-04', '2026-12-05'],
    ['Pacific/Pago_Pago', '2026-12-03', '2026-12-04'],
    ['Asia/Jakarta', '2026-12-03', '2026-12-04'],
    ['UTC', '2026-12-03', '2026-12-04'],
  ])("in %s takes today's date (%s) and refuses the store's tomorrow (%s), however near its midnight is", (timeZone, today, tomorrow) => {
    expect(isRefusedAsFuture(today, at(timeZone))).toBe(false);
    expect(isRefusedAsFuture(tomorrow, at(timeZone))).toBe(true);
    expect(isRefusedAsFuture(dayMonthYear(today), at(timeZone, 'd/M/yy'))).toBe(false);
    expect(isRefusedAsFuture(dayMonthYear(tomorrow), at(timeZone, 'd/M/yy'))).toBe(true);
    expect(isRefusedAsFuture(today.replaceAll('-', '/'), at(timeZone))).toBe(false);
    expect(isRefusedAsFuture(tomorrow.replaceAll('-', ''), at(timeZone))).toBe(true);
  });

  it('refuses tomorrow in Jakarta at 02:27, which was 17 hours before its midnight in UTC terms', () => {
    // the review's case: 5/12/26 imported at 02:27 on 4 December, Jakarta time
    const jakarta: DateOptions = { dateFormat: 'd/M/yy', timeZone: 'Asia/Jakarta', now: new Date('2026-12-03T19:27:00Z') };
    expect(outcome(() => parseDateTime('ordered_at', '4/12/26', jakarta))).toBe('2026-12-03T17:00:00.000Z');
    expect(outcome(() => parseDateTime('ordered_at', '5/12/26', jakarta))).toBe(`ordered_at: ordered_at "5/12/26" is in the future; check the date format (day and month swapped?) or the file's time zone`);
  });

  it("refuses tomorrow's date at 23:55, while a time of 00:02 tomorrow passes as a till's clock running fast", () => {
    const lateEvening: DateOptions = { dateFormat: null, timeZone: 'Asia/Jakarta', now: new Date('2026-12-03T16:55:00Z') };
    expect(isRefusedAsFuture('2026-12-04', lateEvening)).toBe(true);
    expect(isRefusedAsFuture('4/12/26', { ...lateEvening, dateFormat: 'd/M/yy' })).toBe(true);
    expect(isRefusedAsFuture('2026-12-04 00:02', lateEvening)).toBe(false);
    expect(isRefusedAsFuture('4/12/26 00:02', { ...lateEvening, dateFormat: 'd/M/yy HH:mm' })).toBe(false);
  });

  it.each(['Pacific/Kiritimati', 'Pacific/Pago_Pago'])('in %s takes a time up to 10 minutes ahead of the clock (a till running fast) and refuses one later', (timeZone) => {
    const wallTime = (offsetMinutes: number, format: 'iso' | 'dd/MM/yyyy HH:mm') => {
      const instant = DateTime.fromJSDate(new Date(now.getTime() + offsetMinutes * 60_000)).setZone(timeZone);
      return format === 'iso' ? instant.toFormat("yyyy-MM-dd'T'HH:mm:ss") : instant.toFormat('dd/MM/yyyy HH:mm');
    };
    for (const format of ['iso', 'dd/MM/yyyy HH:mm'] as const) {
      const options = at(timeZone, format === 'iso' ? null : format);
      expect(isRefusedAsFuture(wallTime(-60 * 20, format), options), 'earlier today').toBe(false);
      expect(isRefusedAsFuture(wallTime(10, format), options), '10 minutes ahead').toBe(false);
      expect(isRefusedAsFuture(wallTime(11, format), options), '11 minutes ahead').toBe(true);
      expect(isRefusedAsFuture(wallTime(60 * 5, format), options), '5 hours ahead').toBe(true);
    }
    expect(isRefusedAsFuture(new Date(now.getTime() + 5 * 60_000).toISOString(), at(timeZone))).toBe(false);
    expect(isRefusedAsFuture(String(Math.floor(now.getTime() / 1000) + 3600), at(timeZone)), 'epoch seconds an hour ahead').toBe(true);
  });
});

describe('a date written day-first with dots, without a date format', () => {
  // what Excel writes in Latvia, Germany, Russia, Poland, Czechia…: no locale writes the month first with dots
  const riga: DateOptions = { dateFormat: null, timeZone: 'Europe/Riga', now: new Date('2026-12-04T10:00:00Z') };
  const read = (raw: string) => outcome(() => parseDateTime('ordered_at', raw, riga));

  it.each([
    ['03.11.2026', '2026-11-02T22:00:00.000Z'],
    ['3.11.2026', '2026-11-02T22:00:00.000Z'],
    ['03.11.2026 14:05', '2026-11-03T12:05:00.000Z'],
    ['3.11.2026 9:05:30', '2026-11-03T07:05:30.000Z'],
    ['03.11.26', '2026-11-02T22:00:00.000Z'],
    ['25.07.2026', '2026-07-24T21:00:00.000Z'],
  ])('reads %j as day, month, year in the store\'s zone', (raw, expected) => {
    expect(read(raw)).toBe(expected);
    expect(parseDateTimeWithLuxon('ordered_at', raw, riga).toISOString()).toBe(expected);
  });

  it('reads a two-digit year as this century\'s, refusing 98 as 2098 rather than guessing 1998', () => {
    expect(read('03.11.98')).toMatch(/"03.11.98" is in the future; .*check the year \(written with two digits\?\)/);
  });

  it('names the part that does not exist in a dotted date, rather than asking for a format', () => {
    expect(read('31.02.2026')).toBe('ordered_at: ordered_at "31.02.2026" is not a real date or time (February 2026 has no day 31); correct the value');
    expect(read('11.25.2026')).toMatch(/month 25 does not exist there/);
    expect(read('03.11.2026 24:30')).toMatch(/hour 24 does not exist there/);
  });

  it('still needs a format for slash dates, which are day-first in one country and month-first in another', () => {
    expect(read('03/11/2026')).toMatch(/is not a date we can read;.* e\.g\. dd\/MM\/yyyy \(or MM\/dd\/yyyy if the month comes first\)$/);
    expect(read('03.11.2026.')).toMatch(/is not a date we can read/);
    expect(read('03.11')).toMatch(/is not a date we can read/);
  });
});

describe('the "day and month swapped?" hint of a refused date', () => {
  // 4 December 2026 in Riga: the review's cases
  const at = (dateFormat: string | null): DateOptions => ({ dateFormat, timeZone: 'Europe/Riga', now: new Date('2026-12-04T21:00:00Z') });
  const read = (raw: string, dateFormat: string | null = null) => outcome(() => parseDateTime('ordered_at', raw, at(dateFormat)));

  it.each([
    ['31.02.2026', 'dd.MM.yyyy', 'is not a real date or time (February 2026 has no day 31); correct the value'],
    ['31.02.2026', null, 'is not a real date or time (February 2026 has no day 31); correct the value'],
    ['2026-02-31', null, 'is not a real date or time (February 2026 has no day 31); correct the value'],
    ['31.04.2026 10:00', 'dd.MM.yyyy HH:mm', 'is not a real date or time (April 2026 has no day 31); correct the value'],
    ['02.30.2026', 'dd.MM.yyyy', 'is not a real date or time (month 30 does not exist there); correct the value'],
    ['01.03.2027', 'dd.MM.yyyy', 'is in the future; with day and month swapped it is in the future too, so check the year (written with two digits?) and the file\'s time zone'],
    ['2027-01-03', null, 'is in the future; with day and month swapped it is in the future too, so check the year (written with two digits?) and the file\'s time zone'],
    ['25.12.2026', 'dd.MM.yyyy', 'is in the future; check the year, the date format and the file\'s time zone'],
    ['1969-05-03', null, 'is before 1970; check the date format (a two-digit year?)'],
  ])('is not given for %j (format %s), as the swapped reading would be refused too', (raw, dateFormat, reason) => {
    expect(read(raw, dateFormat)).toBe(`ordered_at: ordered_at "${raw}" ${reason}`);
  });

  it.each([
    ['2026-13-05', null, 'is not a real date or time (month 13 does not exist there); correct the value (day and month swapped?)'],
    ['05/12/2026', 'dd/MM/yyyy', 'is in the future; check the date format (day and month swapped?) or the file\'s time zone'],
    ['12/25/2025', 'dd/MM/yyyy', 'is not a real date or time (month 25 does not exist there); correct the value (day and month swapped?)'],
    ['2026-12-05', null, 'is in the future; check the date format (day and month swapped?) or the file\'s time zone'],
  ])('is given for %j (format %s), whose swapped reading is a past date', (raw, dateFormat, reason) => {
    expect(read(raw, dateFormat)).toBe(`ordered_at: ordered_at "${raw}" ${reason}`);
  });
});

describe('the date formats that may read a value written with day, month and year', () => {
  it.each([
    ['25/11/2026', [], ['dd/MM/yyyy']],
    ['3/4/2026', [], ['d/M/yyyy', 'M/d/yyyy']],
    ['3/11/2026', [], ['d/MM/yyyy', 'M/dd/yyyy']],
    ['3/03/2026', [], ['d/MM/yyyy']],
    ['7.7.2025', [], ['d.M.yyyy']],
    ['25/11/2026 9:05', [], ['dd/MM/yyyy H:mm']],
    ['11/25/2026 9:05:30', [], ['MM/dd/yyyy H:mm:ss']],
    ['25/11/2026T10:15', [], ["dd/MM/yyyy'T'HH:mm"]],
    ['25/11/2026', ['3/4/2026', '2026-11-20', '3-4-2026'], ['d/M/yyyy']],
    ['25/11/2026 10:15', ['03/11/2026 9:05', '3/4/2026'], ['dd/MM/yyyy H:mm']],
  ])('for %j (beside %j) are %j, each reading it, with one digit where a value alike writes one', (value, alike, expected) => {
    expect(dateFormatsFor(value, alike)).toEqual(expected);
    for (const dateFormat of expected) {
      for (const other of [value, ...alike].filter((each) => each.includes('/') && each.includes(':') === value.includes(':'))) {
        expect(outcome(() => parseDateTime('ordered_at', other, { dateFormat, timeZone: 'UTC', now: new Date('2100-01-01T00:00:00Z') }))).toMatch(/^20\d\d-/);
      }
    }
  });
});
