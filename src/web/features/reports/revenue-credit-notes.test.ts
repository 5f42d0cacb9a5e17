import { describe, expect, it } from 'vitest';
import type { Locale } from '../../api/types.js';
import { createFormatters } from '../../i18n/format.js';
import { intlTagByLocale, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { revenueCreditNotes } from './revenue-credit-notes.js';

const notesOf = (locale: Locale, report: Parameters<typeof revenueCreditNotes>[0]) =>
  revenueCreditNotes(report, (key, variables) => lookupMessage(messagesByLocale[locale], key, variables), createFormatters(intlTagByLocale[locale], 'GBP', 'Europe/London'), locale);

// the UCI Online Retail sample as of its last day (docs/import.md): 29 of its credit notes cancel sales from before it
const uci = { hasCreditNotes: true, unappliedCredit: { creditNotes: 29, amountMinor: 273_839 } };

describe('revenueCreditNotes', () => {
  it('says days are restated by later credit notes, and what the unmatched ones did not take off revenue, in each language', () => {
    expect(notesOf('en', uci)).toEqual([
      'Credit notes lower the day of the sale they credit, not their own day: a later credit note can lower days already shown.',
      '29 credit notes (£2,738.39) matched no earlier sale of their customer and take nothing off revenue.',
    ]);
    expect(notesOf('id', uci)[1]).toMatch(/^29 nota kredit \(£2\.738,39\) tidak menemukan penjualan sebelumnya dari pelanggan yang sama, sehingga tidak mengurangi pendapatan\.$/);
    // Latvian: 29 takes the plural, 21 the singular form, 10 the "zero" one
    expect(notesOf('lv', uci)[1]).toMatch(/^29 kredītrēķiniem \(2738,39\s£\) neatradās agrāka tā paša klienta pārdošana, tāpēc tie ieņēmumus nesamazina\.$/u);
    expect(notesOf('lv', { unappliedCredit: { creditNotes: 21, amountMinor: 100 } })).toEqual([expect.stringMatching(/^21 kredītrēķinam \(1,00\s£\) neatradās .*, tāpēc tas ieņēmumus nesamazina\.$/)]);
    expect(notesOf('lv', { unappliedCredit: { creditNotes: 10, amountMinor: 100 } })).toEqual([expect.stringMatching(/^10 kredītrēķiniem /)]);
    expect(notesOf('en', { hasCreditNotes: true, unappliedCredit: { creditNotes: 1, amountMinor: 3_000 } })[1]).toBe('1 credit note (£30.00) matched no earlier sale of its customer and takes nothing off revenue.');
  });

  it('says nothing without credit notes, and only the restating when every credit note found its sale', () => {
    expect(notesOf('en', { hasCreditNotes: false, unappliedCredit: { creditNotes: 0, amountMinor: 0 } })).toEqual([]);
    expect(notesOf('en', {})).toEqual([]);
    expect(notesOf('lv', { hasCreditNotes: true, unappliedCredit: { creditNotes: 0, amountMinor: 0 } })).toEqual([
      'Kredītrēķini samazina tās pārdošanas dienas ieņēmumus, par kuru tie izrakstīti, nevis savas dienas: vēlāks kredītrēķins var samazināt jau parādītu dienu ieņēmumus.',
    ]);
  });
});
