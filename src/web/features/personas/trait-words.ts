import type { I18n } from '../../i18n/i18n-context.js';
import { traitWording, type NameWords, type Wording } from './persona-name.js';

/**
 * A distinguishing trait said as a marketer would: "Younger than average (much)".
 * The server (src/personas/persona-names.ts) sends each trait's standardised
 * difference: the persona's mean minus all buyers' mean, in all buyers' standard
 * deviations. Its sign gives the direction, its size the strength word.
 */
export type SentenceTrait = { column: string; group: string; word: string; difference: number | null };
export type TraitDirection = 'higher' | 'lower';
export type TraitStrength = 'barely' | 'slightly' | 'clearly' | 'much';

/**
 * Cohen's conventions for a standardised mean difference (Cohen 1988, Statistical Power Analysis, ch. 2:
 * 0.2 small, 0.5 medium, 0.8 large), each band starting at its threshold.
 * The server only lists traits from 0.5 on, so chips read "clearly" or "much".
 */
export const traitStrengthThresholds = { slightly: 0.2, clearly: 0.5, much: 0.8 } as const;

/** The strength word for a standardised difference; null when there is none. */
export function traitStrength(difference: number | null): TraitStrength | null {
  if (difference === null || !Number.isFinite(difference)) return null;
  const size = Math.abs(difference);
  if (size >= traitStrengthThresholds.much) return 'much';
  if (size >= traitStrengthThresholds.clearly) return 'clearly';
  if (size >= traitStrengthThresholds.slightly) return 'slightly';
  return 'barely';
}

/** Above or below all buyers; null when exactly average or unknown. */
export function traitDirection(difference: number | null): TraitDirection | null {
  if (difference === null || !Number.isFinite(difference) || difference === 0) return null;
  return difference > 0 ? 'higher' : 'lower';
}

// The server's column names (kmeans-features.ts `buildColumns`) → `personas.traitPhrases.*`
const phraseByColumn: Record<string, string> = {
  age: 'age', income: 'income', city_size: 'citySize', organization: 'business', frequency: 'frequency',
  spend: 'spend', basket: 'basket', children: 'children', partnered: 'partnered',
};

/** "Younger than average" / "More orders via mobile app than average"; null for a column the app has no phrase for. */
function phraseOf(trait: SentenceTrait, direction: TraitDirection, words: NameWords, t: I18n['t']): string | null {
  const [prefix, level] = trait.column.split(/:(.*)/s);
  if (prefix === 'channel' && level) {
    const label = words.channel(level);
    // a channel's label starts a sentence on its own; inside one it is a common noun
    return label === null ? null : t(`personas.traitPhrases.channel.${direction}`, { channel: label.charAt(0).toLocaleLowerCase() + label.slice(1) });
  }
  if (prefix === 'category' && level) return t(`personas.traitPhrases.category.${direction}`, { category: level });
  const phrase = phraseByColumn[trait.column];
  return phrase ? t(`personas.traitPhrases.${phrase}.${direction}`) : null;
}

/**
 * The trait as a sentence in the reader's language with its strength in words.
 * A column the app has no phrase for keeps its trait word (English when unknown
 * too); a trait without a difference is only its word.
 */
export function traitSentence(trait: SentenceTrait, words: NameWords, t: I18n['t']): Wording {
  const direction = traitDirection(trait.difference);
  const strength = traitStrength(trait.difference);
  if (direction === null || strength === null) return traitWording(trait, words);
  // an unknown column keeps the server's word: the sentence around it still reads in the reader's language
  const phrase = phraseOf(trait, direction, words, t) ?? traitWording(trait, words).text;
  return { text: t('personas.traitSentence', { phrase, strength: t(`personas.traitStrengths.${strength}`) }) };
}
