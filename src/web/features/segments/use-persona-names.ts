import { useMemo } from 'react';
import type { PersonaList } from '../../api/target-group-types.js';
import { useApiData } from '../../api/use-api-data.js';
import { usePersonaWords } from '../personas/persona-name-text.js';
import { personaNameLookup, type Wording } from '../personas/persona-name.js';

/**
 * Persona names as the Personas page shows them, by the name a filter holds; until the personas
 * arrive (or when they cannot be read) every name is null, shown as the server wrote it.
 * `isNeeded` false asks nothing of the server, for a form showing no persona.
 */
export function usePersonaNames(isNeeded = true): (name: string) => Wording | null {
  const personas = useApiData<PersonaList>(isNeeded ? '/api/personas' : null);
  const words = usePersonaWords();
  return useMemo(() => personaNameLookup(personas.data?.personas ?? [], words), [personas.data, words]);
}
