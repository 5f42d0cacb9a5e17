import { describe, expect, it } from 'vitest';
import { canonicalFields, prefixedFields } from '../../../ingest/rows/fields.js';
import type { IngestEntity } from '../../api/types.js';
import { locales, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { describeField, fieldMessageKey, labelledFields } from './field-labels.js';
import { importEntities } from './import-mapping.js';

const translate = (locale: (typeof locales)[number]) => (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);

describe.each(locales)('the import field labels in %s', (locale) => {
  const t = translate(locale);

  it.each(importEntities)('label every field the server reads for %s, so a new server field fails here until it is labelled', (entity) => {
    const unlabelled = labelledFields(entity).filter((field) => {
      const key = fieldMessageKey(entity, field, field.endsWith('.') ? 'anyLabel' : 'label');
      return t(key).trim() === '' || t(key) === key;
    });
    expect(unlabelled).toEqual([]);
  });

  it('give a family\'s field a label with the name after its prefix', () => {
    expect(describeField(t, 'customers', 'external_id.loyalty_card').label).toContain('loyalty_card');
    expect(describeField(t, 'customers', 'attribute.education').label).toContain('education');
  });
});

describe('the import field labels', () => {
  it('are words for people, not the field names, in English', () => {
    const t = translate('en');
    expect(describeField(t, 'orders', 'ordered_at')).toEqual({ label: 'Order date', hint: 'The date, or date and time, the order was placed.' });
    expect(describeField(t, 'orders', 'amount').hint).toMatch(/store currency unless a currency column/);
    expect(describeField(t, 'orders', 'status').hint).toMatch(/^paid, refunded/);
    expect(describeField(t, 'orders', 'customer_email')).toEqual({ label: 'Customer email', hint: null });
  });

  it('name only fields the server has, so a field the server drops leaves no stale label', () => {
    const messages = messagesByLocale.en.importFields as unknown as Record<string, unknown>;
    for (const entity of importEntities) {
      const named = Object.keys(messages[entity] as Record<string, unknown>);
      const known = [...canonicalFields[entity as IngestEntity], ...prefixedFields[entity as IngestEntity].map((prefix) => prefix.slice(0, -1))];
      expect({ entity, stale: named.filter((field) => !known.includes(field)) }).toEqual({ entity, stale: [] });
    }
  });
});
