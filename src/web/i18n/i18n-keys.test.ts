import { describe, expect, it } from 'vitest';
import { locales, lookupMessage, messagesByLocale } from './messages.js';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') entries.set(`${prefix}${key}`, value);
    else for (const [inner, text] of flatten(value, `${prefix}${key}.`)) entries.set(inner, text);
  }
  return entries;
}

// `{date:genitive}` fills `date`, in the case a language's sentence asks
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)(?::\w+)?\}/g)].map((match) => match[1]).sort();
const english = flatten(messagesByLocale.en as unknown as Tree);

describe.each(locales.filter((locale) => locale !== 'en'))('the %s messages', (locale) => {
  const translated = flatten(messagesByLocale[locale] as unknown as Tree);

  it('have every English key and no other', () => {
    expect([...translated.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('fill the same placeholders as English in every message', () => {
    for (const [key, text] of english) expect({ key, placeholders: placeholders(translated.get(key) ?? '') }).toEqual({ key, placeholders: placeholders(text) });
  });

  it('leave no message empty', () => {
    expect([...translated].filter(([, text]) => text.trim() === '')).toEqual([]);
  });
});

describe('lookupMessage', () => {
  it('fills placeholders and shows a missing key as itself', () => {
    expect(lookupMessage(messagesByLocale.en, 'home.lastDays', { days: 30 })).toBe('Last 30 days');
    expect(lookupMessage(messagesByLocale.en, 'no.such.key')).toBe('no.such.key');
  });
});
