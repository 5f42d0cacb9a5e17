import { describe, expect, it } from 'vitest';
import { locales, messagesByLocale } from '../i18n/messages.js';
import { safeFileName } from './file-name.js';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : flatten(value, `${prefix}${key}.`)));
}

const namesOf = (locale: (typeof locales)[number]) => flatten((messagesByLocale[locale] as unknown as { files: Tree }).files);

describe.each(locales)('the %s names of downloaded files', (locale) => {
  it('are safe as they are written, so no file system changes the name the translator chose', () => {
    const names = namesOf(locale);
    expect(names.length).toBeGreaterThan(10);
    for (const [key, name] of names) expect({ key, file: safeFileName(name, [], 'csv') }).toEqual({ key, file: `${name}.csv` });
  });
});

describe('the downloaded files of an Indonesian or a Latvian reader', () => {
  it('are named in their language, not in English', () => {
    const english = new Map(namesOf('en'));
    for (const locale of locales.filter((each) => each !== 'en')) {
      expect(namesOf(locale).filter(([key, name]) => english.get(key) === name)).toEqual([]);
    }
    expect(new Map(namesOf('id')).get('customers')).toBe('pelanggan');
    expect(new Map(namesOf('lv')).get('customers')).toBe('klienti');
  });
});
