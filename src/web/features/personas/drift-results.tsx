import { useId, useState } from 'react';
import type { CategoricalDrift, DriftAttribute, DriftReport } from '../../api/target-group-types.js';
import type { Formatters } from '../../i18n/format.js';
import { useI18n, type I18n } from '../../i18n/i18n-context.js';
import { DriftChart } from './drift-chart.js';
import { attributeLabel, seriesLabel } from './drift-labels.js';
import { byLargestChange, driftSizeText, driftStatement, sizeOfChange, typicalSpendMinor } from './drift-words.js';
import { PersonaShiftsTable } from './persona-shifts-table.js';

/** Every attribute's change in words, largest first, with its effect size beside it; one categorical attribute as a chart; and which personas grew or shrank. */
export function DriftResults({ report }: { report: DriftReport }) {
  const { t, format } = useI18n();
  const categorical = report.attributes.filter((attribute): attribute is CategoricalDrift => attribute.kind === 'categorical');
  const byDefault = categorical.find((attribute) => attribute.attribute === 'channel') ?? categorical[0];
  const [charted, setCharted] = useState(byDefault?.attribute ?? '');
  // a new report may lack the attribute picked for the last one
  const chartedAttribute = categorical.find((attribute) => attribute.attribute === charted) ?? byDefault;
  const id = useId();
  const effect = (value: number | null) => (value === null ? '–' : format.number(value, 2));
  const valueText = (attribute: DriftAttribute, side: 'before' | 'after') => {
    if (attribute.kind === 'categorical') return topShare(attribute, side, t, format);
    const mean = attribute[side].mean;
    // the server compares spend on a log scale; a marketer reads it back as money
    if (attribute.attribute === 'spend (log)') {
      const typical = typicalSpendMinor(mean);
      return typical === null ? '–' : format.money(typical);
    }
    return mean === null ? '–' : format.number(mean, 1);
  };
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
            </tr>
          </thead>
          <tbody>
            {byLargestChange(report.attributes).map((attribute) => {
              const statement = driftStatement(attribute, t, format.percent);
              const size = sizeOfChange(attribute);
              const label = attributeLabel(attribute.attribute, t);
              const measure = attribute.kind === 'numeric' ? t('drift.cohensD') : t('drift.cramersV', { moved: format.percent(attribute.totalVariation) });
              return (
                <tr key={attribute.attribute}>
                  <th scope="row">
                    <span lang={statement.lang}>{statement.text}</span>{' '}
                    {/* the brackets are for screen readers and copied text; on screen the badge sets the size apart */}
                    <span className="visually-hidden">(</span>
                    <span className={`magnitude magnitude-${size ?? 'negligible'}`}>{driftSizeText(size, t)}</span>
                    <span className="visually-hidden">)</span>
                  </th>
                  <td>{valueText(attribute, 'before')}</td>
                  <td>{valueText(attribute, 'after')}</td>
                  <td className="hide-narrow muted small"><span lang={label.lang}>{label.text}</span><br />{measure}</td>
                  <td className="numeric muted" title={measure}>{effect(attribute.kind === 'numeric' ? attribute.cohensD : attribute.cramersV)}</td>
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

/** A categorical attribute's largest value in one period, e.g. "Mobile app 42%". */
function topShare(attribute: CategoricalDrift, side: 'before' | 'after', t: I18n['t'], format: Pick<Formatters, 'compact' | 'percent'>): string {
  const top = [...attribute.series].sort((a, b) => b[side] - a[side])[0];
  return top ? `${seriesLabel(attribute.attribute, top.label, t, format)} ${format.percent(top[side])}` : '–';
}
