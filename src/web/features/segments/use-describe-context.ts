import { useMemo } from 'react';
import type { FilterField } from '../../api/target-group-types.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { DescribeContext } from './describe-condition.js';

/** Words and formats of the user's language, and field types from the server's list once it has arrived. */
export function useDescribeContext(fields: FilterField[] | undefined): DescribeContext {
  const { t, format, locale } = useI18n();
  return useMemo(() => {
    const types = new Map((fields ?? []).map((field) => [field.name, field.type]));
    return { t, locale, format, typeOf: (name: string) => types.get(name) };
  }, [t, locale, format, fields]);
}
