import { useMemo } from 'react';
import type { Persona } from '../../api/target-group-types.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { nameWordsOf, personaDisplayName, type NameWords, type Wording } from './persona-name.js';

/** The reader's words for persona names and traits. */
export function usePersonaWords(): NameWords {
  const { locale, t } = useI18n();
  return useMemo(() => nameWordsOf(locale, t), [locale, t]);
}

/** A persona's name as shown: the marketer's own, or the generated one in the reader's language. */
export function usePersonaName(persona: Persona): Wording {
  return personaDisplayName(persona, usePersonaWords());
}

/** The generated name in the reader's language, shown beside a marketer's own name. */
export function generatedNameOf(persona: Persona, words: NameWords): Wording {
  return personaDisplayName({ ...persona, name: persona.generatedName }, words);
}

export function WordingText({ wording }: { wording: Wording }) {
  return <span lang={wording.lang}>{wording.text}</span>;
}
