import { useMemo } from 'react';
import type { Cohort } from '../../api/analytics-types.js';
import { Chart } from '../../components/charts/chart.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { cohortHeatmapOption } from './cohort-heatmap-option.js';
import { isSmallCohort, pointsPerCustomer, smallCohortCustomers } from './cohort-scale.js';

export function CohortHeatmap({ cohorts }: { cohorts: Cohort[] }) {
  const { t, format, locale } = useI18n();
  const option = useMemo(() => cohortHeatmapOption(cohorts, t, format, locale), [cohorts, t, format, locale]);
  const longest = Math.max(0, ...cohorts.map((cohort) => cohort.months.length));
  const monthIndexes = Array.from({ length: longest }, (_, index) => String(index));
  const table = {
    header: [t('reports.cohorts.cohort'), t('reports.common.customers'), t('reports.cohorts.repeatRate'), ...monthIndexes.map((month) => t('reports.cohorts.monthN', { month }))],
    rows: cohorts.map((cohort) => [cohort.cohort, cohort.customers, cohort.repeatPurchaseRate, ...monthIndexes.map((_, index) => cohort.months[index]?.retentionRate ?? null)]),
  };
  return (
    <>
      <Chart title={t('reports.cohorts.title')} fileName="cohorts" option={option} table={table} height={Math.max(280, cohorts.length * 18 + 100)} />
      <p className="small muted">{t('reports.cohorts.reading')}</p>
      {cohorts.some(isSmallCohort)
        ? <p className="small muted">{t('reports.cohorts.smallNote', { threshold: format.number(smallCohortCustomers), points: format.number(pointsPerCustomer(smallCohortCustomers)) })}</p>
        : null}
    </>
  );
}
