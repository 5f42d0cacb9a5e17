import type { Granularity } from '../../api/analytics-types.js';
import { pickNumber } from '../home/home-settings.js';

/** The Reports page's choices, kept in the URL's query like Home's period. */
export const granularities: readonly Granularity[] = ['day', 'week', 'month'];
export const migrationChoices = [30, 90, 365] as const;
export type MigrationDays = (typeof migrationChoices)[number];

export type ReportSettings = { granularity: Granularity; migrationDays: MigrationDays };

export const defaultReportSettings: ReportSettings = { granularity: 'week', migrationDays: 90 };

/** Reads `?granularity=&migrationDays=`; an unknown or missing value is that setting's default. */
export function reportSettingsFromSearch(search: URLSearchParams): ReportSettings {
  const granularity = search.get('granularity');
  return {
    granularity: granularities.find((choice) => choice === granularity) ?? defaultReportSettings.granularity,
    migrationDays: pickNumber(search.get('migrationDays'), migrationChoices, defaultReportSettings.migrationDays),
  };
}

/** Only the settings that differ from the default, so the plain /reports stays plain. */
export function reportSettingsToSearch(settings: ReportSettings): string {
  const parameters = new URLSearchParams();
  if (settings.granularity !== defaultReportSettings.granularity) parameters.set('granularity', settings.granularity);
  if (settings.migrationDays !== defaultReportSettings.migrationDays) parameters.set('migrationDays', String(settings.migrationDays));
  const text = parameters.toString();
  return text ? `?${text}` : '';
}
