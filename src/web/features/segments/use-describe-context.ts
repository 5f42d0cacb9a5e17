import { useMemo } from 'react';
import type { FilterField } from '../../api/target-group-types.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { DescribeContext } from './describe-condition.js';
import { usePersonaNames } from './use-persona-names.js';

/**
 * Words and formats of the user's language, field types from the server's list once it has arrived,
 * and persona names as the Personas page shows them (asked for only where the store has personas).
 */
export function useDescribeContext(fields: FilterField[] | undefined): DescribeContext {
  const { t, format, locale } = useI18n();
  const personaName = usePersonaNames(fields?.some((field) => field.name === 'persona' && field.isAvailable) ?? false);
  return useMemo(() => {
    const types = new Map((fields ?? []).map((field) => [field.name, field.type]));
    return { t, locale, format, typeOf: (name: string) => types.get(name), personaName };
  }, [t, locale, format, fields, personaName]);
}
