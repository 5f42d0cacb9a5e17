import type { Granularity } from '../../api/analytics-types.js';
import { pickNumber } from '../home/home-settings.js';
import { alertFilters, type AlertFilter } from './alert-history.js';

/** The Reports page's choices, kept in the URL's query like Home's period. */
export const granularities: readonly Granularity[] = ['day', 'week', 'month'];
export const migrationChoices = [30, 90, 365] as const;
export type MigrationDays = (typeof migrationChoices)[number];

export type ReportSettings = { granularity: Granularity; migrationDays: MigrationDays; alerts: AlertFilter };

export const defaultReportSettings: ReportSettings = { granularity: 'week', migrationDays: 90, alerts: 'open' };

/** Reads `?granularity=&migrationDays=&alerts=`; an unknown or missing value is that setting's default. */
export function reportSettingsFromSearch(search: URLSearchParams): ReportSettings {
  const granularity = search.get('granularity');
  const alerts = search.get('alerts');
  return {
    granularity: granularities.find((choice) => choice === granularity) ?? defaultReportSettings.granularity,
    migrationDays: pickNumber(search.get('migrationDays'), migrationChoices, defaultReportSettings.migrationDays),
    alerts: alertFilters.find((choice) => choice === alerts) ?? defaultReportSettings.alerts,
  };
}

/** Only the settings that differ from the default, so the plain /reports stays plain. */
export function reportSettingsToSearch(settings: ReportSettings): string {
  const parameters = new URLSearchParams();
  if (settings.granularity !== defaultReportSettings.granularity) parameters.set('granularity', settings.granularity);
  if (settings.migrationDays !== defaultReportSettings.migrationDays) parameters.set('migrationDays', String(settings.migrationDays));
  if (settings.alerts !== defaultReportSettings.alerts) parameters.set('alerts', settings.alerts);
  const text = parameters.toString();
  return text ? `?${text}` : '';
}
