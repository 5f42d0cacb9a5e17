import { describe, expect, it } from 'vitest';
import { personaName, uniqueNames, type PersonaTrait } from '../../../personas/persona-names.js';
import type { FeatureGroup } from '../../../personas/kmeans-features.js';
import type { Locale } from '../../api/types.js';
import { locales, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { buildPersonaName, nameWordsOf, personaDisplayName, traitWording, type NameWords } from './persona-name.js';

const wordsIn = (locale: Locale): NameWords => nameWordsOf(locale, (key, variables) => lookupMessage(messagesByLocale[locale], key, variables));

// Every word the server writes for a concept (persona-names.ts `wordsFor`); categories are store data.
const wordsByGroup: Array<[FeatureGroup, string[]]> = [
  ['age', ['older', 'young']], ['income', ['affluent', 'low-income']], ['city', ['big-city', 'small-town']],
  ['kind', ['business']], ['frequency', ['frequent', 'occasional']], ['spend', ['high-spend', 'low-spend']],
  ['basket', ['big-basket', 'small-basket']], ['household', ['families', 'couples', 'singles']],
  ['channel', ['store', 'web', 'mobile', 'marketplace', 'phone']], ['category', ['coffee', 'Home & Garden', 'wines']],
];
const serverTraitWords = wordsByGroup.filter(([group]) => group !== 'channel' && group !== 'category').flatMap(([, words]) => words);

const trait = (group: FeatureGroup, word: string, difference: number): PersonaTrait => ({ column: `${group}:${word}`, group, word, difference });

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

describe('a persona name in the reader\'s language', () => {
  it.each(examples.map((entries) => [traitsOf(entries)]))('reads in English exactly as the server names %j', (traits) => {
    expect(buildPersonaName(traits, wordsIn('en'))).toBe(personaName(traits));
  });

  it('reads in English as the server names 500 more trait lists', () => {
    for (const traits of manyTraitLists(500)) expect(buildPersonaName(traits, wordsIn('en'))).toBe(personaName(traits));
  });

  it('keeps the number the server gave a repeated name, in every language', () => {
    const traits = traitsOf([['age', 'young'], ['channel', 'web']]);
    const generated = uniqueNames([personaName(traits), personaName(traits), personaName([])]);
    expect(generated).toEqual(['young, web', 'young, web (2)', 'typical customers']);
    const shown = (locale: Locale, name: string, personaTraits: PersonaTrait[]) => personaDisplayName({ name, generatedName: name, profile: { traits: personaTraits } }, wordsIn(locale));
    expect(shown('en', generated[1], traits)).toEqual({ text: 'young, web (2)' });
    expect(shown('id', generated[1], traits)).toEqual({ text: 'muda · web (2)' });
    expect(shown('lv', generated[1], traits)).toEqual({ text: 'jauni · tīmeklis (2)' });
    expect(shown('id', 'typical customers (3)', [])).toEqual({ text: 'pelanggan pada umumnya (3)' });
  });

  it('writes Indonesian and Latvian as a list of descriptors, channel, then the store\'s category', () => {
    const traits = traitsOf([['category', 'kopi'], ['channel', 'mobile'], ['city', 'big-city'], ['age', 'young']]);
    expect(buildPersonaName(traits, wordsIn('id'))).toBe('muda, kota besar · aplikasi seluler · kopi');
    expect(buildPersonaName(traits, wordsIn('lv'))).toBe('jauni, no lielpilsētām · mobilā lietotne · kopi');
    expect(buildPersonaName([], wordsIn('lv'))).toBe('tipiski pircēji');
    expect(buildPersonaName(traitsOf([['category', 'Home & Garden']]), wordsIn('id'))).toBe('Home & Garden');
  });

  it('shows a renamed persona under the marketer\'s own name', () => {
    const traits = traitsOf([['age', 'young']]);
    for (const locale of locales) expect(personaDisplayName({ name: 'Morning regulars', generatedName: 'young', profile: { traits } }, wordsIn(locale))).toEqual({ text: 'Morning regulars' });
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

  it('keeps category words as the store wrote them', () => {
    for (const locale of locales) expect(traitWording(trait('category', 'Kaffee', 1), wordsIn(locale))).toEqual({ text: 'Kaffee' });
  });

  it('falls back to the server\'s English for a word or concept the app does not know', () => {
    const unknownWord = traitsOf([['age', 'young'], ['frequency', 'weekly' as string]]);
    const unknownChannel = traitsOf([['channel', 'kiosk']]);
    const unknownGroup = [trait('age', 'young', 1), { column: 'loyalty', group: 'loyalty' as FeatureGroup, word: 'loyal', difference: 0.9 }];
    const words = wordsIn('id');
    expect(traitWording(unknownWord[1], words)).toEqual({ text: 'weekly', lang: 'en' });
    expect(traitWording(unknownChannel[0], words)).toEqual({ text: 'kiosk', lang: 'en' });
    expect(buildPersonaName(unknownWord, words)).toBeNull();
    expect(personaDisplayName({ name: 'young weekly', generatedName: 'young weekly', profile: { traits: unknownWord } }, words)).toEqual({ text: 'young weekly', lang: 'en' });
    expect(personaDisplayName({ name: 'young, kiosk', generatedName: 'young, kiosk', profile: { traits: [trait('age', 'young', 1), ...unknownChannel] } }, words)).toEqual({ text: 'young, kiosk', lang: 'en' });
    expect(personaDisplayName({ name: 'young loyal', generatedName: 'young loyal', profile: { traits: unknownGroup } }, words)).toEqual({ text: 'young loyal', lang: 'en' });
  });

  it('shows the server\'s name, marked English, when its traits no longer give that name', () => {
    const traits = traitsOf([['age', 'young']]);
    expect(personaDisplayName({ name: 'older', generatedName: 'older', profile: { traits } }, wordsIn('lv'))).toEqual({ text: 'older', lang: 'en' });
  });
});
