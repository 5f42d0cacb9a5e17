import { describe, expect, it } from 'vitest';
import { permissionsByRole, roles } from '../../../auth/permissions.js';
import type { IngestSummary, Locale } from '../../api/types.js';
import { createFormatters } from '../../i18n/format.js';
import { intlTagByLocale, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { offersConsentOverride } from './consent-override.js';
import { importSummaryLines } from './import-summary.js';
import { addBatchSummary, emptyTotals, isConsentAuthority, type ImportTotals } from './run-import.js';

// the server's answer to a customers batch, with the consents it counted (POST /api/ingest/customers)
const batch = (read: number, consents: { consentRefusalsKept?: number; consentRefusalsOverridden?: number }): IngestSummary =>
  ({ importId: 1, entity: 'customers', read, inserted: 0, updated: read, unchanged: 0, rejected: 0, rejects: [], orders: null, ...consents });

const linesIn = (locale: Locale, totals: ImportTotals, canOverrideConsent: boolean) => importSummaryLines(
  totals, totals.read, (key, variables) => lookupMessage(messagesByLocale[locale], key, variables), createFormatters(intlTagByLocale[locale], null, 'UTC'), locale, { canOverrideConsent },
).slice(1);

describe('the refused consents an import kept or replaced', () => {
  it('adds up what each batch counted; an answer from before the server counted them adds none', () => {
    const totals = addBatchSummary(addBatchSummary(addBatchSummary(emptyTotals, batch(2, { consentRefusalsKept: 2, consentRefusalsOverridden: 0 })), batch(3, { consentRefusalsKept: 19 })), batch(1, {}));
    expect(totals).toMatchObject({ read: 6, consentRefusalsKept: 21, consentRefusalsOverridden: 0 });
  });

  it.each<[number, string]>([
    [1, 'Saglabāts atteikums: 1 piekrišana palika “nē”'],
    [21, 'Saglabāts atteikums: 21 piekrišana palika “nē”'],
    [11, 'Saglabāti atteikumi: 11 piekrišanas palika “nē”'],
    [5, 'Saglabāti atteikumi: 5 piekrišanas palika “nē”'],
  ])('says in Latvian how many were kept, in the form of the count (%i)', (count, expected) => {
    const [line] = linesIn('lv', { ...emptyTotals, read: count, updated: count, consentRefusalsKept: count, ending: 'completed' }, false);
    expect(line.startsWith(expected)).toBe(true);
  });

  it.each<[Locale, string, string]>([
    ['en', 'Refusal kept: 1 consent stayed no although the file said yes', 'an owner or administrator can import it'],
    ['id', 'Penolakan dipertahankan: 1 persetujuan tetap “tidak”', 'pemilik atau administrator dapat mengimpornya'],
    ['lv', 'Saglabāts atteikums: 1 piekrišana', 'īpašnieks vai administrators var to importēt'],
  ])('tells a reader who may not override who can (%s), and one who may how', (locale, kept, whoCan) => {
    const totals = { ...emptyTotals, read: 1, updated: 1, consentRefusalsKept: 1, ending: 'completed' as const };
    const [forMarketer] = linesIn(locale, totals, false);
    expect(forMarketer.startsWith(kept)).toBe(true);
    expect(forMarketer).toContain(whoCan);
    const [forOwner] = linesIn(locale, totals, true);
    expect(forOwner).toContain(lookupMessage(messagesByLocale[locale], 'import.consentOverride'));
    expect(forOwner).not.toContain(whoCan);
  });

  it.each<[Locale, number, string]>([
    ['en', 3, 'Refusals replaced: 3 consents customers had refused are now yes, as the file says. This is recorded in the audit log.'],
    ['en', 1, 'Refusal replaced: 1 consent a customer had refused is now yes, as the file says. This is recorded in the audit log.'],
    ['lv', 21, 'Aizstāts atteikums: 21 piekrišana, kuru klients bija atteicis, tagad ir “jā”, kā failā. Tas ir ierakstīts audita žurnālā.'],
    ['lv', 1000, 'Aizstāti atteikumi: 1000 piekrišanas, kuras klienti bija atteikuši, tagad ir “jā”, kā failā. Tas ir ierakstīts audita žurnālā.'],
    ['id', 2, 'Penolakan diganti: 2 persetujuan yang pernah ditolak pelanggan kini “ya”, sesuai file. Ini dicatat di log audit.'],
  ])('says in %s how many a file sent as the consent authority replaced (%i)', (locale, count, expected) => {
    const totals = addBatchSummary({ ...emptyTotals, isConsentAuthority: true }, batch(count, { consentRefusalsKept: 0, consentRefusalsOverridden: count }));
    expect(linesIn(locale, { ...totals, ending: 'completed' }, true)).toEqual([expected]);
  });

  it('says a completed run as the consent authority replaced none when none was in the way, and nothing of consents otherwise', () => {
    const totals = { ...emptyTotals, read: 4, updated: 4, isConsentAuthority: true };
    expect(linesIn('en', { ...totals, ending: 'completed' }, true)).toEqual(['No refusal was replaced: the file said yes to no consent a customer had refused.']);
    expect(linesIn('en', { ...totals, ending: null }, true)).toEqual([]);
    expect(linesIn('en', { ...totals, isConsentAuthority: false, ending: 'completed' }, true)).toEqual([]);
  });
});

describe('the consent override of the web import', () => {
  it('is offered for customers files to the roles with consent:override only: owners and admins', () => {
    const offeredTo = roles.filter((role) => offersConsentOverride('customers', (permission) => permissionsByRole[role].has(permission)));
    expect(offeredTo).toEqual(['owner', 'admin']);
    expect(offersConsentOverride('orders', () => true)).toBe(false);
  });

  it('is sent with customers only', () => {
    expect(isConsentAuthority({ entity: 'customers', consentOverridesRefusals: true })).toBe(true);
    expect(isConsentAuthority({ entity: 'customers' })).toBe(false);
    expect(isConsentAuthority({ entity: 'events', consentOverridesRefusals: true })).toBe(false);
  });
});
