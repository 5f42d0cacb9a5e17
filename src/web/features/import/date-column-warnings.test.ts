import { describe, expect, it } from 'vitest';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { dateColumnWarningText, importHeldBackDescription } from './date-column-warnings.js';
import { columnsRefusedWhole, unreadableDateColumns } from './date-columns.js';

const rows = (...dates: string[]) => dates.map((date, index) => ({ Datums: date, Summa: `${index + 1},50` }));
const mapping = { ordered_at: 'Datums', amount: 'Summa' };
const t = (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale.en, key, variables);

describe('a date format that reads none of a column\'s dates', () => {
  const file = rows('03/11/2025', '04/11/2025');
  const columns = unreadableDateColumns('orders', file, mapping, 'dd.MM.yyyy');
  const problems = columns.filter((column) => column.format !== null && column.value !== null);

  it('is said once: under the field, and in step 2 only what to do, by the column it is for', () => {
    const [column] = columns;
    const underField = dateColumnWarningText(t, 'orders', column).problem;
    expect(underField).toMatch(/^The dates in the column “Datums” \(Order date\), such as “03\/11\/2025”, do not match the date format dd\.MM\.yyyy/);
    const inStep2 = dateColumnWarningText(t, 'orders', column, true);
    expect(inStep2).toEqual({ problem: null, advice: 'Dates in the column “Datums” (Order date): Both of these read them: one puts the day first, the other the month. Choose the one your file uses:', notDate: null });
    for (const locale of ['id', 'lv'] as const) {
      const said = dateColumnWarningText((key, variables) => lookupMessage(messagesByLocale[locale], key, variables), 'orders', column, true);
      expect(said.problem).toBeNull();
      expect(said.advice).toContain('“Datums”');
    }
  });

  it('describes the Import button it holds back by the reason under the field', () => {
    expect(importHeldBackDescription(columnsRefusedWhole(file, columns), problems)).toBe('date-format-problem');
    // a format that reads some of the dates holds nothing back
    const some = rows('03.11.2025', '04/11/2025');
    const partly = unreadableDateColumns('orders', some, mapping, 'dd.MM.yyyy');
    expect(importHeldBackDescription(columnsRefusedWhole(some, partly), partly)).toBeUndefined();
  });
});
