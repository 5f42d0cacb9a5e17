import { useId, useState } from 'react';
import type { CategoricalDrift, DriftReport } from '../../api/target-group-types.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { DriftChart } from './drift-chart.js';
import { attributeLabel } from './drift-labels.js';
import { driftValueText, effectMeasureText } from './drift-values.js';
import { byLargestChange, driftBadge, driftStatement, sizeOfChange } from './drift-words.js';
import { PersonaShiftsTable } from './persona-shifts-table.js';

/** Every attribute's change in words, largest first, with its values in both periods and its effect size beside it; one categorical attribute as a chart; and which personas grew or shrank. */
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
      {/* wider than a phone: it scrolls sideways, with a shadow at the edge that has more (app.css .table-scroll-hinted),
          and takes focus so the keyboard scrolls it too */}
      <div className="table-scroll table-scroll-hinted" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
        <table className="data-table drift-table">
          <caption id={`${id}-caption`}>{t('drift.tableCaption')}</caption>
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
              const measure = effectMeasureText(attribute, t, format);
              return (
                <tr key={attribute.attribute}>
                  <th scope="row">
                    <span lang={statement.lang}>{statement.text}</span>{' '}
                    {/* the brackets are for screen readers and copied text; on screen the badge sets the size apart */}
                    <span className="visually-hidden">(</span>
                    <span className={`magnitude magnitude-${size ?? 'negligible'}`}>{driftBadge(attribute, t, format)}</span>
                    <span className="visually-hidden">)</span>
                  </th>
                  <td>{driftValueText(attribute, 'before', t, format)}</td>
                  <td>{driftValueText(attribute, 'after', t, format)}</td>
                  <td className="hide-narrow muted small"><span lang={label.lang}>{label.text}</span><br />{measure}</td>
                  <td className="numeric muted" title={measure}>{effect(attribute.kind === 'numeric' ? attribute.cohensD : attribute.cramersV)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {categorical.length > 0 ? <p className="muted small drift-mix-note">{t('drift.mixValueNote', { earlier: t('drift.beforeValue'), later: t('drift.afterValue') })}</p> : null}
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
