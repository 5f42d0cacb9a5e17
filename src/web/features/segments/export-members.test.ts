import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Locale } from '../../api/types.js';
import type { CustomerCsvRow } from '../../../customers/customer-csv.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import type { CsvForm } from '../customers/export-customers.js';

const get = vi.fn();
vi.mock('../../api/client.js', () => ({ api: { get: (...args: unknown[]) => get(...args) } }));
const { exportSegmentMembers } = await import('../customers/export-customers.js');
const { exportConsentingMembers } = await import('./export-members.js');

// as GET /api/personas sends a generated persona: its name is the server's English
const coffeeTraits = [
  { column: 'age:young', group: 'age', word: 'young', difference: 2 }, { column: 'spend:low-spend', group: 'spend', word: 'low-spend', difference: -1.9 },
  { column: 'basket:small-basket', group: 'basket', word: 'small-basket', difference: -1.8 }, { column: 'category:coffee', group: 'category', word: 'coffee', difference: 1.7 },
];
const coffee = { personaId: 1, name: 'young low-spend small-basket, coffee', generatedName: 'young low-spend small-basket, coffee', description: null, isPinned: false, isRetired: false, profile: { traits: coffeeTraits } };
const member = (customer_id: number, name: string, email: string): CustomerCsvRow => ({
  customer_id, name, email, phone: null, city: 'Rīga', country: 'LV', is_real: true, order_count: 1, revenue_minor: 500,
  first_purchase_at: '2026-12-01T10:00:00Z', last_purchase_at: '2026-12-01T10:00:00Z', created_at: '2026-12-01T10:00:00Z',
  consent_email: true, consent_sms: false, consent_profiling: true, entered_at: '2026-12-02T10:00:00Z', persona: coffee.name,
});
const members = [member(1, 'Šarlote Ūdre-Žagata', '-2+3@example.lv'), member(2, '+Māris Zeltiņš', 'maris@example.lv')];

const money = { currency: 'EUR', minorPerMajor: 100 };
const spreadsheetIn = (locale: Locale): CsvForm => ({ kind: 'spreadsheet', locale, t: (key, variables) => lookupMessage(messagesByLocale[locale], key, variables), timeZone: 'Europe/Riga', money });
const progressOf = (form: CsvForm) => ({ onProgress: () => {}, signal: new AbortController().signal, form });
const fileOf = (parts: string[]) => parts.join('');

beforeEach(() => {
  get.mockReset();
  get.mockImplementation(async (path: string) => (path === '/api/personas' ? { model: null, personas: [coffee] } : { items: members, nextCursor: null }));
});

describe('a segment members export', () => {
  it('names personas in a sheet as a persona filter takes them, in every language: the name as stored, as the CLI writes it', async () => {
    for (const locale of ['en', 'id', 'lv'] as const) {
      for (const sheet of [fileOf(await exportSegmentMembers(7, progressOf(spreadsheetIn(locale)))), fileOf((await exportConsentingMembers(7, 'email', progressOf(spreadsheetIn(locale)))).parts)]) {
        // the last column; quoted where the sheet's separator is a comma
        expect(sheet).toMatch(/[;,]"?young low-spend small-basket, coffee"?\r\n/);
        // the Personas page's words, which no filter matches
        expect(sheet).not.toContain('“coffee”');
        expect(sheet).not.toContain('Jauni, tērē maz');
      }
    }
    expect(get.mock.calls.map(([path]) => path)).not.toContain('/api/personas');
  });

  it('writes the re-import form exactly as stored: the server\'s persona name, and formula-like names and emails unguarded', async () => {
    const machine = { kind: 'machine' as const, money };
    for (const file of [fileOf(await exportSegmentMembers(7, progressOf(machine))), fileOf((await exportConsentingMembers(7, 'email', progressOf(machine))).parts)]) {
      expect(file).toContain('\r\n1,Šarlote Ūdre-Žagata,-2+3@example.lv,');
      expect(file).toContain('\r\n2,+Māris Zeltiņš,maris@example.lv,');
      // the persona is the file's last column
      expect(file).toContain(',"young low-spend small-basket, coffee"\r\n');
    }
    expect(get.mock.calls.map(([path]) => path)).not.toContain('/api/personas');
  });

  it('keeps the formula guard in a sheet', async () => {
    expect(fileOf(await exportSegmentMembers(7, progressOf(spreadsheetIn('lv'))))).toContain(";'-2+3@example.lv;");
  });
});
