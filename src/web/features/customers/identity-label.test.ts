import { describe, expect, it } from 'vitest';
import { findPreset, listPresets } from '../../../ingest/presets/index.js';
import { csvHeaders } from '../../../synthetic/index.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { identityLabel } from './identity-label.js';

const tIn = (locale: 'en' | 'id' | 'lv') => (key: string, values?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, values);
const external = (namespace: string) => ({ kind: 'external' as const, namespace });

describe('what an identity is, for staff', () => {
  it.each([
    ['loyalty_card', 'Loyalty card', 'Kartu loyalitas', 'Lojalitātes karte'],
    ['web_account', 'Web account', 'Akun web', 'Tīmekļa konts'],
    ['demo', 'Demo customer id', 'ID pelanggan demo', 'Demonstrācijas klienta ID'],
    ['shopify', 'Shopify customer id', 'ID pelanggan Shopify', 'Shopify klienta ID'],
  ])('names the product\'s own namespace %s in each language', (namespace, en, id, lv) => {
    expect(identityLabel(external(namespace), tIn('en'))).toBe(en);
    expect(identityLabel(external(namespace), tIn('id'))).toBe(id);
    expect(identityLabel(external(namespace), tIn('lv'))).toBe(lv);
  });

  it.each(['pos_terminal', 'Kasir Toko 3', 'crm.example', 'constructor', 'customer'])('shows a business\'s own namespace %s as written', (namespace) => {
    expect(identityLabel(external(namespace), tIn('id'))).toBe(namespace);
  });

  it('names an email or a phone by its kind, whatever namespace it is stored under', () => {
    expect(identityLabel({ kind: 'email', namespace: 'loyalty_card' }, tIn('lv'))).toBe('E-pasts');
    expect(identityLabel({ kind: 'phone', namespace: '' }, tIn('id'))).toBe('Telepon');
  });

  it('has a label in every language for each namespace the product writes', () => {
    // the demo loader's source and the import defaults of the web app, the CLI and the API; the synthetic
    // customers file's external_id.<namespace> columns; each preset's source
    const syntheticColumns = csvHeaders.customers.split(',').filter((column) => column.startsWith('external_id.')).map((column) => column.slice('external_id.'.length));
    const presetSources = listPresets().map(({ name }) => findPreset(name).source).filter((source): source is string => source !== undefined);
    const written = ['demo', 'web', 'import', 'api', ...syntheticColumns, ...presetSources];
    expect(written).toEqual(expect.arrayContaining(['loyalty_card', 'web_account', 'shopify', 'cdnow']));
    for (const locale of ['en', 'id', 'lv'] as const) {
      for (const namespace of written) expect(identityLabel(external(namespace), tIn(locale)), `${locale} ${namespace}`).not.toBe(namespace);
    }
  });
});
