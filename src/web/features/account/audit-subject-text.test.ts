import { describe, expect, it } from 'vitest';
import type { Locale } from '../../api/types.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { auditActorText, auditSubjectText } from './audit-subject-text.js';
import { auditDetailKeyText } from './audit-detail-text.js';

const tOf = (locale: Locale) => (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);

describe('what an audit entry is about', () => {
  it('names an import run in the reader\'s language', () => {
    const run = { entity: 'import_run', entityId: '9', detail: { entity: 'orders', read: 3 } };
    expect(auditSubjectText(run, tOf('en'))).toBe('Import #9');
    expect(auditSubjectText(run, tOf('id'))).toBe('Impor #9');
    expect(auditSubjectText(run, tOf('lv'))).toBe('Imports Nr. 9');
  });

  it('names an API key by the name recorded with it, and by number when none was', () => {
    expect(auditSubjectText({ entity: 'api_key', entityId: '1', detail: { name: 'shop-feed', prefix: 'ck_ab12' } }, tOf('lv'))).toBe('API atslēga “shop-feed” (#1)');
    expect(auditSubjectText({ entity: 'api_key', entityId: '1', detail: { name: 'shop-feed' } }, tOf('id'))).toBe('Kunci API “shop-feed” (#1)');
    expect(auditSubjectText({ entity: 'api_key', entityId: '2', detail: {} }, tOf('en'))).toBe('API key #2');
  });

  it('names the store settings a change was filed under, and a backup, in the reader\'s language', () => {
    expect(auditSubjectText({ entity: 'store', entityId: 'currency,timeZone', detail: {} }, tOf('lv'))).toBe('Veikala iestatījumi (valūta, laika josla)');
    expect(auditSubjectText({ entity: 'store', entityId: 'rate:USD', detail: {} }, tOf('id'))).toBe('Kurs USD');
    expect(auditSubjectText({ entity: 'backup', entityId: 'melati.tar.gz', detail: {} }, tOf('lv'))).toBe('Rezerves kopija melati.tar.gz');
    // a kind this app does not know (a refused request's route) as stored
    expect(auditSubjectText({ entity: 'DELETE /api/customers/:customerId', entityId: null, detail: {} }, tOf('lv'))).toBe('DELETE /api/customers/:customerId');
  });
});

describe('who did what the audit log records', () => {
  it('names the suppression list an entry was removed from, and what an erasure kept, in the reader\'s language', () => {
    expect(auditSubjectText({ entity: 'erasure_suppression', entityId: null, detail: { kind: 'email' } }, tOf('lv'))).toBe('Saziņas aizlieguma saraksts');
    expect(auditSubjectText({ entity: 'erasure_suppression', entityId: null, detail: { kind: 'phone' } }, tOf('id'))).toBe('Daftar larangan kontak');
    expect(auditDetailKeyText('suppressedIdentities', tOf('lv'))).toBe('e-pasti un tālruņi, paturēti kā saziņas aizlieguma nospiedumi');
    expect(auditDetailKeyText('orderLines', tOf('id'))).toBe('baris pesanan');
  });

  it('names an API key by its name and number, and everyone else as elsewhere', () => {
    expect(auditActorText('api-key:1:shop-feed', tOf('lv'))).toBe('API atslēga “shop-feed” (#1)');
    expect(auditActorText('api-key:12:pos:till-2', tOf('en'))).toBe('API key “pos:till-2” (#12)');
    expect(auditActorText('api-key:3:kasir', tOf('id'))).toBe('kunci API “kasir” (#3)');
    expect(auditActorText('user:5:anna@veikals.lv', tOf('lv'))).toBe('anna@veikals.lv');
    expect(auditActorText('cli:ana', tOf('lv'))).toBe('komandrinda (ana)');
    expect(auditActorText('anonymous', tOf('lv'))).toBe('Kāds nepierakstījies');
  });
});
