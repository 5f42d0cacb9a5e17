import { useI18n } from '../../i18n/i18n-context.js';

export const periodChoices = [7, 30, 90, 365] as const;
export type PeriodDays = (typeof periodChoices)[number];

/** The summary compares the last N days with the N days before them. */
export function periodQuery(days: PeriodDays): Record<string, string> {
  return { days: String(days) };
}

export function PeriodPicker({ days, onChange }: { days: PeriodDays; onChange: (days: PeriodDays) => void }) {
  const { t } = useI18n();
  return (
    <label className="field field-inline">
      <span>{t('home.period')}</span>
      <select value={days} onChange={(event) => onChange(Number(event.target.value) as PeriodDays)}>
        {periodChoices.map((choice) => <option key={choice} value={choice}>{t('home.lastDays', { days: choice })}</option>)}
      </select>
    </label>
  );
}
