import { useId, useState } from 'react';
import type { CategoricalDrift, DriftReport } from '../../api/target-group-types.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { DriftChart } from './drift-chart.js';
import { attributeLabel, seriesLabel } from './drift-labels.js';
import { PersonaShiftsTable } from './persona-shifts-table.js';

/** Effect sizes for every attribute as a table, one categorical attribute as a chart, and which personas grew or shrank. */
export function DriftResults({ report }: { report: DriftReport }) {
  const { t, format } = useI18n();
  const categorical = report.attributes.filter((attribute): attribute is CategoricalDrift => attribute.kind === 'categorical');
  const byDefault = categorical.find((attribute) => attribute.attribute === 'channel') ?? categorical[0];
  const [charted, setCharted] = useState(byDefault?.attribute ?? '');
  // a new report may lack the attribute picked for the last one
  const chartedAttribute = categorical.find((attribute) => attribute.attribute === charted) ?? byDefault;
  const id = useId();
  const effect = (value: number | null) => (value === null ? '–' : format.number(value, 2));
  return (
    <div className="drift-results">
      <p role="status">{t('drift.activeCustomers', { before: format.number(report.before.customers), after: format.number(report.after.customers) })}</p>
      <div className="table-scroll">
        <table className="data-table">
          <caption>{t('drift.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('drift.attribute')}</th>
              <th scope="col">{t('drift.beforeValue')}</th>
              <th scope="col">{t('drift.afterValue')}</th>
              <th scope="col" className="hide-narrow">{t('drift.effect')}</th>
              <th scope="col" className="numeric">{t('drift.effectSize')}</th>
              <th scope="col">{t('drift.magnitude')}</th>
            </tr>
          </thead>
          <tbody>
            {report.attributes.map((attribute) => {
              const label = attributeLabel(attribute.attribute, t);
              const isNumeric = attribute.kind === 'numeric';
              return (
                <tr key={attribute.attribute}>
                  <th scope="row" lang={label.lang}>{label.text}</th>
                  <td>{isNumeric ? meanText(attribute.before.mean, format.number) : topShare(attribute, 'before', t, format.percent)}</td>
                  <td>{isNumeric ? meanText(attribute.after.mean, format.number) : topShare(attribute, 'after', t, format.percent)}</td>
                  <td className="hide-narrow">{isNumeric ? t('drift.cohensD') : t('drift.cramersV', { moved: format.percent(attribute.totalVariation) })}</td>
                  <td className="numeric">{effect(isNumeric ? attribute.cohensD : attribute.cramersV)}</td>
                  <td><span className={`magnitude magnitude-${attribute.magnitude}`}>{t(`drift.magnitudes.${attribute.magnitude}`)}</span></td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {chartedAttribute ? (
        <>
          <div className="field field-inline small">
            <label htmlFor={`${id}-chart`}>{t('drift.chartAttribute')}</label>
            <select id={`${id}-chart`} value={charted} onChange={(event) => setCharted(event.target.value)}>
              {categorical.map((attribute) => {
                const label = attributeLabel(attribute.attribute, t);
                return <option key={attribute.attribute} value={attribute.attribute}>{label.text}</option>;
              })}
            </select>
          </div>
          <DriftChart attribute={chartedAttribute} />
        </>
      ) : null}
      {report.personaShifts ? <PersonaShiftsTable shifts={report.personaShifts} /> : null}
    </div>
  );
}

const meanText = (mean: number | null, number: (value: number, digits?: number) => string) => (mean === null ? '–' : number(mean, 1));

/** A categorical attribute's largest value in one period, e.g. "Mobile app 42%". */
function topShare(attribute: CategoricalDrift, side: 'before' | 'after', t: (key: string) => string, percent: (ratio: number) => string): string {
  const top = [...attribute.series].sort((a, b) => b[side] - a[side])[0];
  return top ? `${seriesLabel(attribute.attribute, top.label, t)} ${percent(top[side])}` : '–';
}
