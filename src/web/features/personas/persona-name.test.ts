import { describe, expect, it } from 'vitest';
import { personaName, uniqueNames, type PersonaTrait } from '../../../personas/persona-names.js';
import type { FeatureGroup } from '../../../personas/kmeans-features.js';
import type { Locale } from '../../api/types.js';
import { locales, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { buildPersonaName, capitalised, nameWordsOf, personaDisplayName, personaNameLookup, traitWording, type NameWords } from './persona-name.js';

const wordsIn = (locale: Locale): NameWords => nameWordsOf(locale, (key, variables) => lookupMessage(messagesByLocale[locale], key, variables));

// Every word the server writes for a concept (persona-names.ts `wordsFor`); categories are store data.
const wordsByGroup: Array<[FeatureGroup, string[]]> = [
  ['age', ['older', 'young']], ['income', ['affluent', 'low-income']], ['city', ['big-city', 'small-town']],
  ['kind', ['business']], ['frequency', ['frequent', 'occasional']], ['spend', ['high-spend', 'low-spend']],
  ['basket', ['big-basket', 'small-basket']], ['household', ['families', 'couples', 'singles']],
  ['channel', ['store', 'web', 'mobile', 'marketplace', 'phone']], ['category', ['coffee', 'Home & Garden', 'wines']],
];
const serverTraitWords = wordsByGroup.filter(([group]) => group !== 'channel' && group !== 'category').flatMap(([, words]) => words);

// as the server writes a trait: a category's word lower-cased, its column with the store's spelling (persona-names.ts `wordsFor`)
const trait = (group: FeatureGroup, word: string, difference: number): PersonaTrait => (
  group === 'category' ? { column: `category:${word}`, group, word: word.toLowerCase(), difference } : { column: `${group}:${word}`, group, word, difference }
);

/** Traits as the server lists them: one per concept, strongest first. */
function traitsOf(entries: Array<[FeatureGroup, string]>): PersonaTrait[] {
  return entries.map(([group, word], index) => trait(group, word, (index % 2 === 0 ? 1 : -1) * (2 - index * 0.1)));
}

/** A repeatable spread of trait lists: every concept in many orders and lengths (a small linear congruential generator). */
function manyTraitLists(count: number): PersonaTrait[][] {
  let seed = 7;
  const next = (limit: number) => { seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648; return seed % limit; };
  return Array.from({ length: count }, () => {
    const groups = [...wordsByGroup].sort(() => next(3) - 1).slice(0, next(wordsByGroup.length + 1));
    return traitsOf(groups.map(([group, words]) => [group, words[next(words.length)]]));
  });
}

const examples: Array<Array<[FeatureGroup, string]>> = [
  [],
  [['category', 'wines']],
  [['channel', 'mobile']],
  [['category', 'coffee'], ['channel', 'mobile'], ['city', 'big-city'], ['age', 'young']],
  [['spend', 'high-spend'], ['basket', 'big-basket'], ['income', 'affluent'], ['frequency', 'frequent']],
  [['spend', 'low-spend'], ['basket', 'small-basket'], ['income', 'low-income'], ['category', 'gold'], ['frequency', 'occasional'], ['age', 'young']],
  [['household', 'families'], ['spend', 'low-spend'], ['basket', 'small-basket'], ['channel', 'store'], ['frequency', 'occasional']],
  [['kind', 'business'], ['household', 'singles'], ['city', 'small-town'], ['age', 'older']],
];

/** A generated persona as the API sends it: `name` equal to `generatedName`. */
const generated = (name: string, traits: PersonaTrait[]) => ({ name, generatedName: name, profile: { traits } });
const shownIn = (locale: Locale, persona: ReturnType<typeof generated>) => personaDisplayName(persona, wordsIn(locale));

describe('a persona name in the reader\'s language', () => {
  it.each(examples.map((entries) => [traitsOf(entries)]))('reads in English as the server names %j, with a capital and the category as the store wrote it', (traits) => {
    const shown = shownIn('en', generated(personaName(traits), traits));
    expect(shown.lang).toBeUndefined();
    // the server lower-cases everything and leaves the category bare; only those differ
    expect(shown.text.replace(/[“”]/g, '').toLowerCase()).toBe(personaName(traits));
    expect(shown.text).toBe(capitalised(shown.text, 'en'));
  });

  it('is rebuilt in every language for 500 more trait lists the server names, never falling back to English', () => {
    for (const traits of manyTraitLists(500)) {
      for (const locale of locales) {
        const shown = shownIn(locale, generated(personaName(traits), traits));
        expect({ traits, shown }).toEqual({ traits, shown: { text: buildPersonaName(traits, wordsIn(locale)) } });
      }
    }
  });

  it('starts with a capital as each language writes a name, and lists the rest in lower case', () => {
    const traits = traitsOf([['category', 'coffee beans'], ['channel', 'mobile'], ['city', 'big-city'], ['age', 'young']]);
    expect(buildPersonaName(traits, wordsIn('en'))).toBe('Young big-city, mobile, “coffee beans”');
    expect(buildPersonaName(traits, wordsIn('id'))).toBe('Muda, kota besar · aplikasi seluler · “coffee beans”');
    expect(buildPersonaName(traits, wordsIn('lv'))).toBe('Jauni, no lielpilsētām · mobilā lietotne · “coffee beans”');
    const families = traitsOf([['household', 'families'], ['spend', 'low-spend']]);
    expect(buildPersonaName(families, wordsIn('lv'))).toBe('Ģimenes ar bērniem, tērē maz');
    expect(buildPersonaName(families, wordsIn('id'))).toBe('Keluarga dengan anak, pengeluaran rendah');
    const channelOnly = traitsOf([['channel', 'mobile']]);
    expect(locales.map((locale) => buildPersonaName(channelOnly, wordsIn(locale)))).toEqual(['Mobile', 'Aplikasi seluler', 'Mobilā lietotne']);
    expect(locales.map((locale) => buildPersonaName([], wordsIn(locale)))).toEqual(['Typical customers', 'Pelanggan pada umumnya', 'Tipiski pircēji']);
  });

  it('capitalises by the language\'s own rules', () => {
    expect(capitalised('ģimenes', 'lv')).toBe('Ģimenes');
    expect(capitalised('ēdāji', 'lv')).toBe('Ēdāji');
    expect(capitalised('', 'id')).toBe('');
  });

  it('names a category as the store wrote it, set apart in quotation marks, and never capitalises it', () => {
    const homeAndGarden = traitsOf([['age', 'older'], ['category', 'Home & Garden']]);
    expect(homeAndGarden[1]).toMatchObject({ word: 'home & garden', column: 'category:Home & Garden' });
    expect(locales.map((locale) => buildPersonaName(homeAndGarden, wordsIn(locale)))).toEqual(['Older, “Home & Garden”', 'Lebih tua · “Home & Garden”', 'Gados vecāki · “Home & Garden”']);
    // a name of only a category is the store's word: "iPhone" must not become "IPhone"
    const iPhone = traitsOf([['category', 'iPhone']]);
    for (const locale of locales) expect(shownIn(locale, generated(personaName(iPhone), iPhone))).toEqual({ text: '“iPhone”' });
    // a comma inside the category cannot be read as the end of it
    expect(buildPersonaName(traitsOf([['channel', 'web'], ['category', 'Tea, Coffee & Cocoa']]), wordsIn('en'))).toBe('Web, “Tea, Coffee & Cocoa”');
  });

  it('keeps category words as the store wrote them', () => {
    for (const locale of locales) expect(traitWording(trait('category', 'Kaffee', 1), wordsIn(locale))).toEqual({ text: 'Kaffee' });
  });

  it('keeps the number the server gave a repeated name, in every language', () => {
    const traits = traitsOf([['age', 'young'], ['channel', 'web']]);
    const names = uniqueNames([personaName(traits), personaName(traits), personaName([])]);
    expect(names).toEqual(['young, web', 'young, web (2)', 'typical customers']);
    expect(shownIn('en', generated(names[1], traits))).toEqual({ text: 'Young, web (2)' });
    expect(shownIn('id', generated(names[1], traits))).toEqual({ text: 'Muda · web (2)' });
    expect(shownIn('lv', generated(names[1], traits))).toEqual({ text: 'Jauni · tīmeklis (2)' });
    expect(shownIn('id', generated('typical customers (3)', []))).toEqual({ text: 'Pelanggan pada umumnya (3)' });
  });

  it('shows a renamed persona exactly as the marketer typed it, in every language', () => {
    const traits = traitsOf([['age', 'young'], ['category', 'coffee']]);
    // lower case, the store's words, even a name that looks generated: a person chose it
    const given = ['Morning regulars', 'pelanggan pagi', 'iPhone fans', 'young, coffee', 'jauni · “kafija”'];
    for (const locale of locales) {
      for (const name of given) expect(personaDisplayName({ name, generatedName: 'young, coffee (2)', profile: { traits } }, wordsIn(locale))).toEqual({ text: name });
    }
  });

  it.each(locales.filter((locale) => locale !== 'en'))('has a %s word for every trait word and channel the server writes', (locale) => {
    const words = wordsIn(locale);
    for (const [group, groupWords] of wordsByGroup.filter(([name]) => name !== 'category')) {
      for (const word of groupWords) {
        const wording = traitWording(trait(group, word, 1), words);
        expect({ word, wording }).toEqual({ word, wording: { text: expect.any(String) } });
        if (group !== 'channel') expect({ word, text: wording.text }).not.toEqual({ word, text: word });
      }
    }
    expect(serverTraitWords.every((word) => words.trait(word) !== null)).toBe(true);
  });

  it('falls back to the server\'s English, with a capital, for a word or concept the app does not know', () => {
    const unknownWord = traitsOf([['age', 'young'], ['frequency', 'weekly' as string]]);
    const unknownChannel = traitsOf([['channel', 'kiosk']]);
    const unknownGroup = [trait('age', 'young', 1), { column: 'loyalty', group: 'loyalty' as FeatureGroup, word: 'loyal', difference: 0.9 }];
    const words = wordsIn('id');
    expect(traitWording(unknownWord[1], words)).toEqual({ text: 'weekly', lang: 'en' });
    expect(traitWording(unknownChannel[0], words)).toEqual({ text: 'kiosk', lang: 'en' });
    expect(buildPersonaName(unknownWord, words)).toBeNull();
    expect(shownIn('id', generated('young weekly', unknownWord))).toEqual({ text: 'Young weekly', lang: 'en' });
    expect(shownIn('id', generated('young, kiosk', [trait('age', 'young', 1), ...unknownChannel]))).toEqual({ text: 'Young, kiosk', lang: 'en' });
    expect(shownIn('id', generated('young loyal', unknownGroup))).toEqual({ text: 'Young loyal', lang: 'en' });
  });

  it('shows the server\'s name, marked English, when its traits no longer give that name', () => {
    const traits = traitsOf([['age', 'young']]);
    expect(shownIn('lv', generated('older', traits))).toEqual({ text: 'Older', lang: 'en' });
  });
});

describe('a persona found by the name a filter or an export carries', () => {
  const coffee = traitsOf([['age', 'young'], ['spend', 'low-spend'], ['basket', 'small-basket'], ['category', 'coffee']]);
  const personas = [generated(personaName(coffee), coffee), { name: 'Nedēļas nogales maizes pircēji', generatedName: 'families, bread', profile: { traits: traitsOf([['household', 'families'], ['category', 'bread']]) } }];

  it('shows it as the Personas page does, matching the name as a filter does, ignoring case', () => {
    const nameOf = personaNameLookup(personas, wordsIn('lv'));
    expect(nameOf('young low-spend small-basket, coffee')).toEqual(shownIn('lv', personas[0]!));
    expect(nameOf('Young Low-Spend Small-Basket, Coffee')?.text).toBe(shownIn('lv', personas[0]!).text);
    expect(shownIn('lv', personas[0]!).text).not.toContain('young');
    // a marketer's own name is kept as written
    expect(nameOf('nedēļas nogales maizes pircēji')).toEqual({ text: 'Nedēļas nogales maizes pircēji' });
    expect(nameOf('retired long ago')).toBeNull();
  });
});
