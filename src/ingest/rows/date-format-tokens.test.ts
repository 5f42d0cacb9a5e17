import { describe, expect, it } from 'vitest';
import { findPreset, listPresets } from '../presets/index.js';
import { dateFormatProblem, parseDateTime } from './parse-date.js';

// Luxon reads D, f, F, t and T as locale shorthands (D: 2/1/2024, US order) and any other unknown
// letter as text to match: such a --date-format read every date of a file wrongly or none of it.

describe('a date format with letters that are no date or time token', () => {
  it('is refused when it uses a locale shorthand, naming it and what to write instead', () => {
    for (const format of ['D', 'DD', 'DDD', 'DDDD', 'f', 'ff', 'fff', 'ffff', 'F', 'FF', 'FFF', 'FFFF', 't', 'tt', 'ttt', 'tttt', 'T', 'TT', 'TTT', 'TTTT', 'D t', 'D HH:mm']) {
      expect(dateFormatProblem(format), format).toMatch(/uses [DfFtT]+, a locale shorthand that reads dates in US order \(the month first\).*write the parts out instead, with tokens such as dd\/MM\/yyyy/);
    }
    expect(dateFormatProblem('D')).toBe('the date format "D" uses D, a locale shorthand that reads dates in US order (the month first) and is not written the same everywhere; '
      + "write the parts out instead, with tokens such as dd/MM/yyyy, MM/dd/yyyy HH:mm or yyyyMMdd (yyyy year, MM month, dd day, HH hour, mm minute), and put a letter meant as text in single quotes ('T')");
    // an unquoted T between the date and the time is the shorthand too
    expect(dateFormatProblem('yyyy-MM-ddTHH:mm')).toMatch(/uses T, a locale shorthand/);
  });

  it('is refused when it uses a letter that is no token (text left unquoted)', () => {
    expect(dateFormatProblem('foo')).toMatch(/^the date format "foo" uses f, a locale shorthand/);
    expect(dateFormatProblem('dd/MM/yyyy b')).toBe('the date format "dd/MM/yyyy b" uses b, which is not a date or time token; write the date with tokens such as dd/MM/yyyy, MM/dd/yyyy HH:mm or yyyyMMdd '
      + "(yyyy year, MM month, dd day, HH hour, mm minute), and put any other letters in single quotes ('T')");
    expect(dateFormatProblem('yyyy-MM-dd hr HH')).toMatch(/uses r, which is not a date or time token/);
    expect(dateFormatProblem('yyy-MM-dd')).toMatch(/uses yyy, which is not a date or time token/);
    expect(dateFormatProblem('ddd/MM/yyyy')).toMatch(/uses ddd, which is not a date or time token/);
  });

  it('a day-first format still reads 02/01/2024 as 2 January', () => {
    expect(dateFormatProblem('dd/MM/yyyy')).toBeNull();
    expect(parseDateTime('ordered_at', '02/01/2024', { dateFormat: 'dd/MM/yyyy', timeZone: 'UTC', now: new Date('2026-01-01T00:00:00Z') }).toISOString()).toBe('2024-01-02T00:00:00.000Z');
  });

  it('still accepts the tokens people write, text in quotes, and every preset\'s format', () => {
    const formats = ['dd/MM/yyyy', 'MM/dd/yyyy HH:mm', 'yyyyMMdd', "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.SSSZZ", 'dd/MM/yyyy HH:mm z', 'dd/MM/yyyy HH:mm zzz',
      'd/M/yy', 'dd MMM yyyy', 'EEE, dd MMM yyyy HH:mm:ss ZZZ', 'EEEE d MMMM yyyy h:mm a', 'dd.MM.yyyy', 'd/M/yyyy H:mm', "dd 'de' MMMM 'de' yyyy", 'yyyy-MM-dd HH:mm:ss ZZ', 'LL/dd/yyyy', 'dd-MM-yy'];
    for (const format of formats) expect(dateFormatProblem(format), format).toBeNull();
    const presetFormats = listPresets().map(({ name }) => findPreset(name).dateFormat).filter((format): format is string => format !== undefined);
    expect(presetFormats.length).toBeGreaterThan(3);
    for (const format of presetFormats) expect(dateFormatProblem(format), format).toBeNull();
  });
});
