import type { TypeMigration } from '../../api/analytics-types.js';
import type { Locale } from '../../api/types.js';
import type { Formatters } from '../../i18n/format.js';
import { pluralKey } from '../../i18n/plural.js';

type Translate = (key: string, variables?: Record<string, string | number>) => string;

/**
 * What the type-migration card says under its chart, or under "no type changes" when nothing flowed: a period
 * starting before the type history is read from the history's start, which would otherwise pass for its first day.
 */
export function typeMigrationNotes(migration: TypeMigration, t: Translate, format: Pick<Formatters, 'number' | 'date'>, locale: Locale): string[] {
  const firstTyped = (migration.firstTyped ?? []).reduce((sum, entry) => sum + entry.customers, 0);
  return [
    ...(migration.historyFrom ? [t('reports.migration.historyFrom', { date: format.date(migration.historyFrom) })] : []),
    ...(firstTyped > 0 ? [t(pluralKey(locale, 'reports.migration.firstTypedNote', firstTyped), { count: format.number(firstTyped) })] : []),
  ];
}

/** The card has something to show: flows, or a note that tells why there are none. */
export function hasTypeMigrationContent(migration: TypeMigration): boolean {
  return migration.flows.some((flow) => flow.customers > 0) || Boolean(migration.historyFrom);
}
