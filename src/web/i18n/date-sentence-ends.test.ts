import { describe, expect, it } from 'vitest';
import { createFormatters } from './format.js';
import { intlTagByLocale, locales, messagesByLocale } from './messages.js';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : flatten(value, `${prefix}${key}.`)));
}

// the placeholders the app fills with format.date
const datePlaceholders = ['date', 'from', 'to', 'previousFrom', 'previousTo'];

describe.each(locales)('the %s messages', (locale) => {
  const format = createFormatters(intlTagByLocale[locale], 'EUR', 'UTC');
  // Latvian abbreviates December with a dot ("2026. gada 5. dec."), which a sentence's full stop would double
  const day = format.date('2026-12-05');

  it('end no sentence with a date, whose abbreviated month would be followed by a second full stop', () => {
    const doubled = flatten(messagesByLocale[locale] as unknown as Tree)
      .map(([key, text]) => [key, datePlaceholders.reduce((filled, name) => filled.replace(new RegExp(`\\{${name}(:\\w+)?\\}`, 'g'), day), text)])
      .filter(([, text]) => /[^.]\.\.(?!\.)/.test(text));
    expect(doubled).toEqual([]);
  });

  it('write a percentage as the percent formatter does, without a space before the sign', () => {
    const spaced = flatten(messagesByLocale[locale] as unknown as Tree).filter(([, text]) => /\d[\s\u00a0\u202f]%/.test(text));
    expect(spaced).toEqual([]);
    expect(format.percent(1)).toBe('100%');
  });
});
