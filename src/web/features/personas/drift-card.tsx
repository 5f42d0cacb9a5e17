import { useId, useState, type FormEvent } from 'react';
import { api } from '../../api/client.js';
import type { DriftGroup, DriftReport } from '../../api/target-group-types.js';
import { Card } from '../../components/card.js';
import { ErrorMessage } from '../../components/error-message.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { useStoreSettings } from '../settings/store-settings-context.js';
import { defaultDriftPeriods, driftToday, invalidPeriod, type DayRange, type DriftPeriods } from './drift-periods.js';
import { DriftResults } from './drift-results.js';
import { driftScopeKey } from './drift-scope.js';

export type GroupChoice = { key: string; label: string; group: DriftGroup };

type DriftCardProps = {
  /** The groups to choose from; with one, no choice is shown. */
  choices: GroupChoice[];
  title?: string;
};

/** "What moved": a target group in two periods, compared by the server (POST /api/drift). */
export function DriftCard({ choices, title }: DriftCardProps) {
  const { t } = useI18n();
  const settings = useStoreSettings();
  // Demo data sets end on their own day; comparing the weeks after it would find nobody.
  const [periods, setPeriods] = useState<DriftPeriods>(() => defaultDriftPeriods(driftToday(settings, new Date())));
  const [choiceKey, setChoiceKey] = useState(choices[0]?.key ?? 'all');
  const [report, setReport] = useState<DriftReport | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [isComparing, setIsComparing] = useState(false);
  const id = useId();
  const invalid = invalidPeriod(periods);
  const choice = choices.find((candidate) => candidate.key === choiceKey) ?? choices[0];

  const compare = (event: FormEvent) => {
    event.preventDefault();
    if (invalid || !choice) return;
    setIsComparing(true);
    setError(null);
    api.post<DriftReport>('/api/drift', { group: choice.group, before: periods.before, after: periods.after })
      .then((result) => setReport(result))
      .catch((caught: Error) => setError(caught))
      .finally(() => setIsComparing(false));
  };
  const setRange = (name: keyof DriftPeriods, part: keyof DayRange, value: string) => {
    setPeriods({ ...periods, [name]: { ...periods[name], [part]: value } });
    // results stay only under the dates they were computed for
    setReport(null);
  };

  return (
    <Card title={title ?? t('drift.title')} className="card-wide">
      <form className="drift-form" onSubmit={compare} aria-label={t('drift.formLabel')}>
        {choices.length > 1 ? (
          <div className="field">
            <label htmlFor={`${id}-group`}>{t('drift.group')}</label>
            <select id={`${id}-group`} value={choice?.key} onChange={(event) => { setChoiceKey(event.target.value); setReport(null); }}>
              {choices.map((candidate) => <option key={candidate.key} value={candidate.key}>{candidate.label}</option>)}
            </select>
          </div>
        ) : null}
        {(['before', 'after'] as const).map((name) => (
          <fieldset key={name} className="period-fieldset">
            <legend>{t(`drift.${name}`)}</legend>
            <label className="field">
              <span>{t('drift.from')}</span>
              <input type="date" value={periods[name].from} onChange={(event) => setRange(name, 'from', event.target.value)} aria-invalid={invalid === name} />
            </label>
            <label className="field">
              <span>{t('drift.toExclusive')}</span>
              <input type="date" value={periods[name].to} onChange={(event) => setRange(name, 'to', event.target.value)} aria-invalid={invalid === name} />
            </label>
          </fieldset>
        ))}
        <button type="submit" className="button-primary" disabled={isComparing || invalid !== null}>{isComparing ? t('drift.comparing') : t('drift.compare')}</button>
      </form>
      {invalid ? <p className="inline-error" role="alert">{t('drift.invalidPeriod', { period: t(`drift.${invalid}`) })}</p> : null}
      {error ? <ErrorMessage error={error} /> : null}
      {report ? <DriftResults report={report} /> : <p className="muted small">{t('drift.explain')}</p>}
      {/* whom it covers: all buyers in aggregate, unlike personas (consenting buyers only) on the same page */}
      <p className="muted small drift-scope">{t(driftScopeKey(choice?.group))}</p>
    </Card>
  );
}
