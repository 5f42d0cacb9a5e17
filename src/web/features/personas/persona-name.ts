import type { Locale } from '../../api/types.js';
import type { I18n } from '../../i18n/i18n-context.js';

/** The part of a server trait (src/personas/persona-names.ts) a name is built from. */
export type NameTrait = { group: string; word: string };
/** Text to show; `lang: 'en'` when it is the server's English because the app has no words for it. */
export type Wording = { text: string; lang?: 'en' };

/**
 * How a language turns trait words into a persona name. English writes what the
 * server writes ("young big-city, mobile, coffee"); Indonesian and Latvian list
 * the descriptors, because their adjectives do not stack before one noun the way
 * English ones do ("muda, kota besar · aplikasi seluler · kopi").
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

/** A reader's words: each returns null when the app does not know the server's word. */
export type NameWords = {
  style: NameStyle;
  /** a demographic word ("young", "big-city") */
  trait: (word: string) => string | null;
  /** a channel label by its code ("mobile") */
  channel: (code: string) => string | null;
  /** the name of a persona without traits */
  typical: string;
};

// The server's order of demographic concepts in a name (persona-names.ts `demographic`).
const demographic = ['age', 'household', 'income', 'city', 'kind', 'frequency', 'spend', 'basket'];
const knownGroups = new Set([...demographic, 'channel', 'category']);
const maximumTraits = 4;

/** The server's own words, so a rebuild can be checked against the name it sent. */
const serverWords: NameWords = { style: nameStyles.en, trait: (word) => word, channel: (code) => code, typical: 'typical customers' };

/** A trait's word in the reader's language: categories are the store's own names and stay as they are. */
export function traitWording(trait: NameTrait, words: NameWords): Wording {
  if (trait.group === 'category') return { text: trait.word };
  const text = trait.group === 'channel' ? channelWord(trait.word, words) : words.trait(trait.word);
  return text === null ? { text: trait.word, lang: 'en' } : { text };
}

function channelWord(code: string, words: NameWords): string | null {
  const label = words.channel(code);
  if (label === null) return null;
  return words.style.channelWord === 'code' ? code : label.charAt(0).toLocaleLowerCase() + label.slice(1);
}

/** The server's rule (`personaName`) in the reader's words; null when a word or concept is unknown to the app. */
export function buildPersonaName(traits: NameTrait[], words: NameWords): string | null {
  const chosen = traits.slice(0, maximumTraits);
  if (chosen.some((trait) => !knownGroups.has(trait.group))) return null;
  const wordings = (group: (name: string) => boolean) => chosen
    .filter((trait) => group(trait.group))
    .sort((a, b) => demographic.indexOf(a.group) - demographic.indexOf(b.group))
    .map((trait) => traitWording(trait, words));
  const adjectives = wordings((group) => demographic.includes(group));
  const channels = wordings((group) => group === 'channel');
  const categories = wordings((group) => group === 'category');
  if ([...adjectives, ...channels].some((wording) => wording.lang === 'en')) return null;
  const parts = [adjectives.map((wording) => wording.text).join(words.style.adjectiveSeparator), ...channels.map((wording) => wording.text), ...categories.map((wording) => wording.text)]
    .filter((part) => part.length > 0);
  return parts.length > 0 ? parts.join(words.style.partSeparator) : words.typical;
}

/**
 * The name to show: a renamed persona keeps the marketer's name; a generated one
 * is rebuilt in the reader's words with the " (2)" the server added to repeats.
 * Where the rebuild in the server's words does not give the server's name (a newer
 * server with other rules or words), the server's name is shown, marked English.
 */
export function personaDisplayName(persona: { name: string; generatedName: string; profile: { traits: NameTrait[] } }, words: NameWords): Wording {
  if (persona.name !== persona.generatedName) return { text: persona.name };
  const english = buildPersonaName(persona.profile.traits, serverWords);
  const suffix = english === null ? null : repeatSuffix(persona.generatedName, english);
  const translated = suffix === null ? null : buildPersonaName(persona.profile.traits, words);
  return translated === null ? { text: persona.generatedName, lang: 'en' } : { text: `${translated}${suffix}` };
}

/** "" when `generated` is the base name, " (2)" when it is the base with a repeat number, else null. */
function repeatSuffix(generated: string, base: string): string | null {
  if (generated === base) return '';
  const rest = generated.startsWith(base) ? generated.slice(base.length) : null;
  return rest !== null && /^ \(\d+\)$/.test(rest) ? rest : null;
}

/** The reader's words from the messages: `personas.traitWords`, the app's `channels` labels and `personas.typicalCustomers`. */
export function nameWordsOf(locale: Locale, t: I18n['t']): NameWords {
  const known = (key: string) => {
    const text = t(key);
    return text === key ? null : text;
  };
  return {
    style: nameStyles[locale],
    trait: (word) => known(`personas.traitWords.${word}`),
    channel: (code) => known(`channels.${code}`),
    typical: t('personas.typicalCustomers'),
  };
}
