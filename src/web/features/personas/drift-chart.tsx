import type { CategoricalDrift } from '../../api/target-group-types.js';
import { Chart } from '../../components/charts/chart.js';
import { gridAroundLabels } from '../../components/charts/chart-grid.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { attributeLabel, seriesLabel } from './drift-labels.js';

/** Shares of one attribute's values in both periods side by side; the unit (customers, orders, spend) is in the title. */
export function DriftChart({ attribute }: { attribute: CategoricalDrift }) {
  const { t, format, locale } = useI18n();
  const labels = attribute.series.map((point) => seriesLabel(attribute.attribute, point.label, t, format));
  const title = t('drift.chartTitle', { attribute: attributeLabel(attribute.attribute, t).text, unit: t(`drift.units.${attribute.unit}`) });
  // the attribute in the reader's words, in lower case as the rest of the name: "izmaiņas-pilsēta.png"
  const fileAttribute = attributeLabel(attribute.attribute, t).text.toLocaleLowerCase(locale);
  const option = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (value: number) => format.percent(value) },
    legend: { top: 0 },
    grid: gridAroundLabels({ left: 8, right: 16, top: 36, bottom: 8 }),
    xAxis: { type: 'value', axisLabel: { formatter: (value: number) => format.percent(value, 0) } },
    yAxis: { type: 'category', data: labels, inverse: true },
    series: [
      { name: t('drift.before'), type: 'bar', data: attribute.series.map((point) => point.before) },
      { name: t('drift.after'), type: 'bar', data: attribute.series.map((point) => point.after) },
    ],
  };
  return (
    <Chart title={title} fileName={t('files.charts.drift')} fileNameParts={[fileAttribute]} option={option} height={Math.max(220, labels.length * 40 + 40)}
      table={{ header: [attributeLabel(attribute.attribute, t).text, t('drift.before'), t('drift.after')], kinds: ['text', 'percent', 'percent'], rows: attribute.series.map((point, index) => [labels[index], point.before, point.after]) }} />
  );
}
