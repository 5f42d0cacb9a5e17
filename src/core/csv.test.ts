import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.js';

describe('toCsv', () => {
  it('quotes commas, quotes and line breaks, and ends every row with CRLF', () => {
    expect(toCsv([['a', 'b,c'], ['say "hi"', 'two\nlines']])).toBe('a,"b,c"\r\n"say ""hi""","two\nlines"\r\n');
  });

  it('defuses text a spreadsheet would run as a formula, but not a plain number such as an E.164 phone number', () => {
    expect(toCsv([['=SUM(A1)', '@cmd', '-1+2', '+6281299990000']])).toBe("'=SUM(A1),'@cmd,'-1+2,+6281299990000\r\n");
  });

  it.each([
    ['+1-1', "'+1-1"], ['-2-3', "'-2-3"], ['-1 -1', "'-1 -1"], ['+62 812 9999 0000', "'+62 812 9999 0000"], ['+(1)2', "'+(1)2"], ['-1.', "'-1."], ['+.5', "'+.5"],
    ['+6281839070247', '+6281839070247'], ['-5', '-5'], ['+5', '+5'], ['-12.50', '-12.50'], ['12-3', '12-3'],
  ])('writes %j as %j', (value, written) => {
    expect(toCsv([[value]])).toBe(`${written}\r\n`);
  });

  it('writes formula-like text exactly as it is when the file is for programs, quoting it as usual', () => {
    const row = ['-2+3@example.lv', '+Māris Zeltiņš', '=HYPERLINK("x")', '@SUM(1)', '\t=1', "'quoted", -5];
    expect(toCsv([row], { guardsFormulas: false })).toBe(`-2+3@example.lv,+Māris Zeltiņš,"=HYPERLINK(""x"")",@SUM(1),\t=1,'quoted,-5\r\n`);
    expect(toCsv([row], { field: ';', decimal: ',' })).toBe(`'-2+3@example.lv;'+Māris Zeltiņš;"'=HYPERLINK(""x"")";'@SUM(1);'\t=1;'quoted;-5\r\n`);
  });

  it('defuses a formula behind a leading tab or carriage return', () => {
    expect(toCsv([['\t=HYPERLINK("http://x")', '\r=1+1']])).toBe(`"'\t=HYPERLINK(""http://x"")","'\r=1+1"\r\n`);
  });

  it('writes null as empty, numbers and booleans as they are, and times in ISO 8601 UTC', () => {
    expect(toCsv([[null, undefined, -5, true, false, new Date('2026-12-02T20:00:00+07:00')]])).toBe(',,-5,true,false,2026-12-02T13:00:00.000Z\r\n');
  });

  it('splits by ";" with a decimal comma when asked, quoting ";" instead of a comma, and guards formulas the same', () => {
    const row = [1247.06, -12.5, 7, 'VIP, Regular', 'a;b', 'say "hi"', '=SUM(A1)', '-1+2', '+6281299990000', null, new Date('2026-12-02T13:00:00Z')];
    expect(toCsv([row], { field: ';', decimal: ',' })).toBe(`1247,06;-12,5;7;VIP, Regular;"a;b";"say ""hi""";'=SUM(A1);'-1+2;+6281299990000;;2026-12-02T13:00:00.000Z\r\n`);
    expect(toCsv([row])).toBe(`1247.06,-12.5,7,"VIP, Regular",a;b,"say ""hi""",'=SUM(A1),'-1+2,+6281299990000,,2026-12-02T13:00:00.000Z\r\n`);
    expect(toCsv([row], { field: ',', decimal: '.' })).toBe(toCsv([row]));
  });

  it('writes nothing for no rows, so pages can be joined', () => {
    expect(toCsv([])).toBe('');
    expect(toCsv([['a']]) + toCsv([['b']])).toBe('a\r\nb\r\n');
  });
});
