import { useI18n } from '../../i18n/i18n-context.js';
import { periodChoices, type PeriodDays } from './home-settings.js';

/** The summary compares the last N days with the N days before them. */
export function periodQuery(days: PeriodDays): Record<string, string> {
  return { days: String(days) };
}

export function PeriodPicker({ days, onChange }: { days: PeriodDays; onChange: (days: PeriodDays) => void }) {
  const { t } = useI18n();
  return (
    <label className="field field-inline">
      <span>{t('home.period')}</span>
      <select value={days} onChange={(event) => onChange(periodChoices.find((choice) => String(choice) === event.target.value) ?? days)}>
        {periodChoices.map((choice) => <option key={choice} value={choice}>{t('home.lastDays', { days: choice })}</option>)}
      </select>
    </label>
  );
}
