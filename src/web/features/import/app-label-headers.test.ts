import { describe, expect, it } from 'vitest';
import { messagesByLocale } from '../../i18n/messages.js';
import { suggestMapping } from './import-mapping.js';

/**
 * A file whose columns carry the import page's own field labels, as a shop writes them after
 * reading the page ("Pasūtījuma statuss", "Setuju menerima email"), is read as the page names
 * them: each column to its field, a money field offered as the page offers any money column.
 */
const entities = ['customers', 'orders', 'lines', 'products', 'events'] as const;
// the orders file's line columns are read only beside a unit price, which the page's labels give
const labelsOf = (locale: keyof typeof messagesByLocale, entity: (typeof entities)[number]): Array<{ field: string; label: string }> => {
  const fields = (messagesByLocale[locale] as unknown as { importFields: Record<string, Record<string, { label?: string }>> }).importFields[entity];
  return Object.entries(fields).flatMap(([field, texts]) => (texts.label && !texts.label.includes('{') ? [{ field, label: texts.label }] : []));
};

describe('a file headed with the import page\'s own field labels', () => {
  for (const locale of ['en', 'id', 'lv'] as const) {
    for (const entity of entities) {
      it(`maps every ${entity} column to the field its ${locale} label names`, () => {
        const labels = labelsOf(locale, entity);
        const guess = suggestMapping(entity, labels.map(({ label }) => label));
        const unread = labels.filter(({ field, label }) => guess.mapping[field] !== label && !guess.choices[field]?.columns.includes(label) && guess.setAside[field] !== label);
        expect(unread.map(({ field, label }) => `${field}: ${label}`)).toEqual([]);
      });
    }
  }
});
