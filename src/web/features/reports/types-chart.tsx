import { useMemo } from 'react';
import type { TypesReport } from '../../api/analytics-types.js';
import { Chart } from '../../components/charts/chart.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { Link, useRouter } from '../../routes/router.js';
import { clickedType, holdsSeveralTypes, showsTypeRevenue, typeListPath, typesChartOption, typesShown, typesTable } from './types-chart-option.js';

/**
 * How many customers hold each type (a customer can hold several, as the customer list's type
 * filter counts them), with each type's main-type count in the tooltip. Bars are customers, not
 * revenue: leads and consumers have bought nothing, and as revenue bars they showed as empty rows; each
 * type's revenue is in the tooltip and the table, with a note on which revenue it is.
 * A bar (or its name) opens the customer list of that type; the links under the chart do the same
 * from the keyboard.
 */
export function TypesChart({ report }: { report: TypesReport }) {
  const { t, format } = useI18n();
  const { navigate } = useRouter();
  const rows = typesShown(report);
  const option = useMemo(() => typesChartOption(report, t, format), [report, t, format]);
  const open = (event: Parameters<typeof clickedType>[1]) => {
    const type = clickedType(report, event, t);
    if (type) navigate(typeListPath(type));
  };
  return (
    <>
      <Chart title={t('reports.types.title')} fileName={t('files.charts.customerTypes')} option={option} height={Math.max(220, rows.length * 36)}
        table={typesTable(report, t)} onClick={open} />
      {holdsSeveralTypes(report) ? <p className="small muted">{t('reports.types.several', { customers: format.number(report.customers) })}</p> : null}
      {showsTypeRevenue(report) && report.revenueLast365DaysFrom && report.asOfDay
        ? <p className="small muted">{t('reports.types.revenueNote', { from: format.date(report.revenueLast365DaysFrom), to: format.date(report.asOfDay) })}</p>
        : null}
      {rows.some((row) => row.type === 'consumer') ? <p className="small muted">{t('reports.types.consumerNote')}</p> : null}
      <p className="small muted type-links">
        {t('reports.types.listLinks')}{' '}
        {rows.map((row, index) => (
          <span key={row.type}>{index > 0 ? ' · ' : null}<Link to={typeListPath(row.type)}>{t(`customerTypes.${row.type}`)}</Link></span>
        ))}
      </p>
    </>
  );
}
