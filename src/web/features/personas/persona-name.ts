import type { Locale } from '../../api/types.js';
import type { I18n } from '../../i18n/i18n-context.js';
import { intlTagByLocale } from '../../i18n/messages.js';

/** The part of a server trait (src/personas/persona-names.ts) a name is built from. */
export type NameTrait = { column: string; group: string; word: string };
/** Text to show; `lang: 'en'` when it is the server's English because the app has no words for it. */
export type Wording = { text: string; lang?: 'en' };

/**
 * How a language turns trait words into a persona name. English keeps the
 * server's words and order ("Young big-city, mobile, “coffee”"); Indonesian and
 * Latvian list the descriptors, because their adjectives do not stack before one
 * noun the way English ones do ("Muda, kota besar · aplikasi seluler · “kopi”").
 */
export type NameStyle = {
  adjectiveSeparator: string;
  partSeparator: string;
  /** `code`: the channel as the server names it ("mobile"); `label`: the app's channel label, lower-cased ("aplikasi seluler"). */
  channelWord: 'code' | 'label';
};

export const nameStyles: Record<Locale, NameStyle> = {
  en: { adjectiveSeparator: ' ', partSeparator: ', ', channelWord: 'code' },
  id: { adjectiveSeparator: ', ', partSeparator: ' · ', channelWord: 'label' },
  lv: { adjectiveSeparator: ', ', partSeparator: ' · ', channelWord: 'label' },
};

/** A reader's words: `trait` and `channel` return null when the app does not know the server's word. */
export type NameWords = {
  /** whose rules capitalise the name's first letter */
  locale: Locale;
  style: NameStyle;
  /** a demographic word ("young", "big-city") */
  trait: (word: string) => string | null;
  /** a channel label by its code ("mobile") */
  channel: (code: string) => string | null;
  /** a store's category name, set apart the way the language quotes a name ("“Home & Garden”") */
  category: (name: string) => string;
  /** the name of a persona without traits */
  typical: string;
};

// The server's order of demographic concepts in a name (persona-names.ts `demographic`).
const demographic = ['age', 'household', 'income', 'city', 'kind', 'frequency', 'spend', 'basket'];
const knownGroups = new Set([...demographic, 'channel', 'category']);
const maximumTraits = 4;
const categoryPrefix = 'category:';

/** The traits a name says, in the server's order; null when one is of a concept the app does not know. */
type NameParts = { descriptors: NameTrait[]; channels: NameTrait[]; categories: NameTrait[] };

function namePartsOf(traits: NameTrait[]): NameParts | null {
  const chosen = traits.slice(0, maximumTraits);
  if (chosen.some((trait) => !knownGroups.has(trait.group))) return null;
  return {
    descriptors: chosen.filter((trait) => demographic.includes(trait.group)).sort((a, b) => demographic.indexOf(a.group) - demographic.indexOf(b.group)),
    channels: chosen.filter((trait) => trait.group === 'channel'),
    categories: chosen.filter((trait) => trait.group === 'category'),
  };
}

/** The name the server gives these traits (persona-names.ts `personaName`), to check a rebuild against the name it sent. */
function serverNameOf(parts: NameParts): string {
  const segments = [parts.descriptors.map((trait) => trait.word).join(' '), ...parts.channels.map((trait) => trait.word), ...parts.categories.map((trait) => trait.word)];
  const said = segments.filter((segment) => segment.length > 0);
  return said.length > 0 ? said.join(', ') : 'typical customers';
}

/**
 * A category as the store wrote it. The server lower-cases the trait's word
 * ("home & garden"); its column keeps the store's own spelling ("category:Home & Garden").
 */
export function categoryNameOf(trait: NameTrait): string {
  return trait.column.startsWith(categoryPrefix) ? trait.column.slice(categoryPrefix.length) : trait.word;
}

/** A trait's word in the reader's language: categories are the store's own names and stay as they are. */
export function traitWording(trait: NameTrait, words: NameWords): Wording {
  if (trait.group === 'category') return { text: categoryNameOf(trait) };
  const text = trait.group === 'channel' ? channelWord(trait.word, words) : words.trait(trait.word);
  return text === null ? { text: trait.word, lang: 'en' } : { text };
}

function channelWord(code: string, words: NameWords): string | null {
  const label = words.channel(code);
  if (label === null) return null;
  return words.style.channelWord === 'code' ? code : label.charAt(0).toLocaleLowerCase() + label.slice(1);
}

/** The first letter upper-cased by the language's own rules, as all three write a name or a title: "Ģimenes ar bērniem". */
export function capitalised(text: string, locale: Locale): string {
  const [first = ''] = text;
  return first.toLocaleUpperCase(intlTagByLocale[locale]) + text.slice(first.length);
}

/**
 * The server's rule (`personaName`) in the reader's words, its first letter a
 * capital; null when a word or concept is unknown to the app. A name that starts
 * with a category (it has nothing else) keeps the store's spelling: "“iPhone”".
 */
export function buildPersonaName(traits: NameTrait[], words: NameWords): string | null {
  const parts = namePartsOf(traits);
  if (parts === null) return null;
  const descriptors = parts.descriptors.map((trait) => words.trait(trait.word));
  const channels = parts.channels.map((trait) => channelWord(trait.word, words));
  if (!isEveryKnown(descriptors) || !isEveryKnown(channels)) return null;
  const categories = parts.categories.map((trait) => words.category(categoryNameOf(trait)));
  const ours = [descriptors.join(words.style.adjectiveSeparator), ...channels].filter((segment) => segment.length > 0);
  if (ours.length === 0) return categories.length > 0 ? categories.join(words.style.partSeparator) : capitalised(words.typical, words.locale);
  return capitalised([...ours, ...categories].join(words.style.partSeparator), words.locale);
}

const isEveryKnown = (texts: Array<string | null>): texts is string[] => texts.every((text) => text !== null);

/**
 * The name to show: a renamed persona keeps the marketer's name exactly; a
 * generated one is rebuilt in the reader's words with the " (2)" the server
 * added to repeats. Where the rebuild in the server's words does not give the
 * server's name (a newer server with other rules or words) or the reader's
 * language lacks a word, the server's name is shown with a capital, marked English.
 *
 * Renamed means `name` differs from `generatedName` (src/personas/personas.service.ts
 * `renamePersona` changes only `name`): the API has no other sign of it.
 */
export function personaDisplayName(persona: { name: string; generatedName: string; profile: { traits: NameTrait[] } }, words: NameWords): Wording {
  if (persona.name !== persona.generatedName) return { text: persona.name };
  const parts = namePartsOf(persona.profile.traits);
  const suffix = parts === null ? null : repeatSuffix(persona.generatedName, serverNameOf(parts));
  const translated = suffix === null ? null : buildPersonaName(persona.profile.traits, words);
  return translated === null ? { text: capitalised(persona.generatedName, 'en'), lang: 'en' } : { text: `${translated}${suffix}` };
}

type NamedPersona = Parameters<typeof personaDisplayName>[0];

/**
 * The shown name of a persona by the name a filter or a members export carries (the server's `name`,
 * which a segment matches ignoring case, src/segments/filter-fields.ts): the builder, a condition and
 * a spreadsheet then say what the Personas page says. Null for a name no listed persona has (one a
 * newer discovery retired): it is shown as written.
 */
export function personaNameLookup(personas: readonly NamedPersona[], words: NameWords): (name: string) => Wording | null {
  const byName = new Map(personas.map((persona) => [persona.name.toLowerCase(), persona]));
  return (name) => {
    const persona = byName.get(name.toLowerCase());
    return persona ? personaDisplayName(persona, words) : null;
  };
}

/** "" when `generated` is the base name, " (2)" when it is the base with a repeat number, else null. */
function repeatSuffix(generated: string, base: string): string | null {
  if (generated === base) return '';
  const rest = generated.startsWith(base) ? generated.slice(base.length) : null;
  return rest !== null && /^ \(\d+\)$/.test(rest) ? rest : null;
}

/** The reader's words from the messages: `personas.traitWords`, the app's `channels` labels, `personas.categoryInName` and `personas.typicalCustomers`. */
export function nameWordsOf(locale: Locale, t: I18n['t']): NameWords {
  const known = (key: string) => {
    const text = t(key);
    return text === key ? null : text;
  };
  return {
    locale,
    style: nameStyles[locale],
    trait: (word) => known(`personas.traitWords.${word}`),
    channel: (code) => known(`channels.${code}`),
    category: (name) => t('personas.categoryInName', { category: name }),
    typical: t('personas.typicalCustomers'),
  };
}
