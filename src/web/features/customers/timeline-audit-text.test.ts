import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../api/types.js';
import { createFormatters } from '../../i18n/format.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { timelineEntryText } from './timeline-entry-text.js';

const i18nFor = (locale: 'en' | 'id' | 'lv', tag: string) => ({
  t: (key: string, values?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, values),
  format: createFormatters(tag, 'IDR', 'Asia/Jakarta'),
});
const entry = (kind: string, detail: Record<string, unknown>): TimelineEntry =>
  ({ kind, id: 1, at: '2026-12-05T10:00:00Z', title: 'English title from the server', detail }) as unknown as TimelineEntry;
const locales = [['en', 'en-GB'], ['id', 'id-ID'], ['lv', 'lv-LV']] as const;

describe('timeline order, identity, creation and consent entries', () => {
  it('says how much of a refunded or partly refunded order was refunded', () => {
    const order = (status: string, refundedMinor: number) => entry('order', { status, externalId: 'A-7', channel: 'store', amountMinor: 23_900_000, refundedMinor });
    const id = i18nFor('id', 'id-ID');
    const text = timelineEntryText(order('partially_refunded', 5_400_000), id);
    expect(text).toContain(id.format.money(23_900_000));
    expect(text).toContain(`${id.format.money(5_400_000)} dikembalikan`);
    expect(timelineEntryText(order('paid', 0), id)).not.toContain('dikembalikan');
    for (const [locale, tag] of locales) expect(timelineEntryText(order('refunded', 5_400_000), i18nFor(locale, tag))).toContain(i18nFor(locale, tag).format.money(5_400_000));
  });

  it('shows identities added and a customer created, with who did it, in every language', () => {
    const added = entry('identity_addition', { fields: [], addedIdentities: [{ kind: 'email', namespace: '', value: 'a@x.example' }], by: 'user:5' });
    const created = entry('customer_creation', { fields: ['name'], by: 'user:5' });
    expect(timelineEntryText(added, i18nFor('en', 'en-GB'))).toBe('Email a@x.example added by staff member #5');
    expect(timelineEntryText(added, i18nFor('en', 'en-GB'), 5)).toBe('Email a@x.example added by you');
    expect(timelineEntryText(created, i18nFor('en', 'en-GB'))).toBe('Customer created by staff member #5');
    const phone = entry('identity_addition', { fields: [], addedIdentities: [{ kind: 'phone', namespace: '', value: '+6285712345678' }], by: 'user:5' });
    // grouped as the profile card shows a phone number, not as stored
    expect(timelineEntryText(phone, i18nFor('id', 'id-ID'))).toBe('Telepon +62 857 1234 5678 ditambahkan oleh staf #5');
    for (const [locale, tag] of locales) {
      for (const shown of [added, created]) {
        const text = timelineEntryText(shown, i18nFor(locale, tag));
        expect(text).not.toBe('English title from the server');
        expect(text).not.toMatch(/[{}]|timeline\./);
      }
    }
  });

  it('reads a consent never given as the consent card calls it, not as an empty value', () => {
    const consent = entry('profile_change', { fields: ['consentEmail'], before: { consentEmail: null }, after: { consentEmail: true }, by: 'user:5' });
    expect(timelineEntryText(consent, i18nFor('id', 'id-ID'))).toContain('dari Belum ditanyakan menjadi Ya');
    expect(timelineEntryText(consent, i18nFor('en', 'en-GB'))).toContain('from Not asked to Yes');
    const city = entry('profile_change', { fields: ['city'], before: { city: null }, after: { city: 'Bandung' }, by: 'user:5' });
    expect(timelineEntryText(city, i18nFor('en', 'en-GB'))).toContain('(empty)');
  });
});
