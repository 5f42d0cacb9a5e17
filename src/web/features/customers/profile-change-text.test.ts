import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../api/types.js';
import { createFormatters } from '../../i18n/format.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { phoneText } from './phone-text.js';
import { timelineEntryText } from './timeline-entry-text.js';

const i18nFor = (locale: 'en' | 'id' | 'lv') => ({
  t: (key: string, values?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, values),
  format: createFormatters(locale === 'en' ? 'en-GB' : `${locale}-${locale.toUpperCase()}`, 'IDR', 'Asia/Jakarta'),
});
const entry = (kind: TimelineEntry['kind'], detail: Record<string, unknown>): TimelineEntry =>
  ({ kind, id: 1, at: '2026-12-11T10:00:00Z', title: 'English title from the server', detail });

const edit = entry('profile_change', {
  fields: ['email', 'city', 'consentEmail'], by: 'user:5',
  before: { email: 'a@x.example', city: null, consentEmail: null }, after: { email: 'b@y.example', city: 'Bandung', consentEmail: true },
});

describe('profile edits and identity removals in the timeline', () => {
  it('says what each edited field was and became, and who edited it, in the profile\'s field order', () => {
    expect(timelineEntryText(edit, i18nFor('en'))).toBe(
      'Email changed from a@x.example to b@y.example; City changed from (empty) to Bandung; Consent to email marketing changed from Not asked to Yes by staff member #5');
    expect(timelineEntryText(entry('profile_change', { fields: ['name', 'phone'], by: 'cli:ops' }), i18nFor('en'))).toBe('Profile edited (Name, Phone) by the command line (ops)');
  });

  it('says a changed income band in the reader\'s numbers, as the profile card does, and other text as stored', () => {
    const band = entry('profile_change', { fields: ['incomeBand', 'gender'], by: 'user:5', before: { incomeBand: '5-10M', gender: null }, after: { incomeBand: 'Other', gender: 'female' } });
    const indonesian = timelineEntryText(band, i18nFor('id'));
    expect(indonesian).toContain(i18nFor('id').format.compact(5_000_000));
    expect(indonesian).not.toContain('5-10M');
    expect(indonesian).toContain('Other');
    expect(indonesian).toContain('female');
  });

  it('says an identity was removed, and the profile field emptied with it', () => {
    const card = entry('identity_removal', { kind: 'external', namespace: 'loyalty_card', value: 'LC-7', clearedField: null, by: 'user:5:ana@shop.example' });
    expect(timelineEntryText(card, i18nFor('en'))).toBe('Loyalty card LC-7 removed by ana@shop.example');
    const phone = entry('identity_removal', { kind: 'phone', namespace: '', value: '+6281233334444', clearedField: 'phone', by: 'user:5' });
    expect(timelineEntryText(phone, i18nFor('en'))).toBe('Phone +62 812 3333 4444 removed by staff member #5; the profile\'s Phone was cleared with it');
  });

  it('says a changed or removed phone number grouped as the profile card shows it, not as stored', () => {
    const changed = entry('profile_change', { fields: ['phone'], by: 'user:5', before: { phone: '+6289672403617' }, after: { phone: '+6281234567890' } });
    expect(timelineEntryText(changed, i18nFor('id'))).toContain(`Telepon diubah dari ${phoneText('+6289672403617')} menjadi ${phoneText('+6281234567890')}`);
    expect(timelineEntryText(changed, i18nFor('id'))).toContain('menjadi +62 812 3456 7890');
    const removed = entry('identity_removal', { kind: 'phone', namespace: '', value: '+6285712345678', clearedField: null, by: 'user:5' });
    expect(timelineEntryText(removed, i18nFor('id'))).toContain(phoneText('+6285712345678'));
    expect(timelineEntryText(removed, i18nFor('id'))).not.toContain('+6285712345678');
    // a value that is no phone number stays as stored, as on the card
    const odd = entry('profile_change', { fields: ['phone'], by: 'user:5', before: { phone: null }, after: { phone: '12' } });
    expect(timelineEntryText(odd, i18nFor('en'))).toContain('to 12 by');
  });

  it('words them in each language, never in the server\'s English or as keys', () => {
    const removal = entry('identity_removal', { kind: 'email', namespace: '', value: 'a@x.example', clearedField: 'email', by: 'user:5' });
    for (const locale of ['id', 'lv'] as const) {
      for (const text of [timelineEntryText(edit, i18nFor(locale)), timelineEntryText(removal, i18nFor(locale))]) {
        expect(text).not.toMatch(/[{}]|timeline\.|English title|changed from/);
        expect(text).toContain('#5');
      }
    }
    expect(timelineEntryText(edit, i18nFor('id'))).toContain('Email diubah dari a@x.example menjadi b@y.example');
  });
});
