/** Home's choices, kept in the URL's query so a reload, a bookmark or a shared link shows the same period. */
export const periodChoices = [7, 30, 90, 365] as const;
export type PeriodDays = (typeof periodChoices)[number];

export type HomeSettings = { days: PeriodDays };

export const defaultHomeSettings: HomeSettings = { days: 30 };

/** Reads `?days=`; anything but one of the offered periods (absent, `abc`, `14`, `7.0`) is the default, so no NaN reaches the API. */
export function homeSettingsFromSearch(search: URLSearchParams): HomeSettings {
  return { days: pickNumber(search.get('days'), periodChoices, defaultHomeSettings.days) };
}

/** The query for these settings, `?days=7`, or '' when all are the default: the plain address stays plain. */
export function homeSettingsToSearch(settings: HomeSettings): string {
  const parameters = new URLSearchParams();
  if (settings.days !== defaultHomeSettings.days) parameters.set('days', String(settings.days));
  const text = parameters.toString();
  return text ? `?${text}` : '';
}

/** One of `allowed` written exactly as the page writes it; anything else is `fallback`. */
export function pickNumber<T extends number>(text: string | null, allowed: readonly T[], fallback: T): T {
  return allowed.find((choice) => String(choice) === text) ?? fallback;
}
