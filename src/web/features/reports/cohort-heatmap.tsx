import { useEffect, useMemo, useRef, useState } from 'react';
import type { Cohort } from '../../api/analytics-types.js';
import { Chart } from '../../components/charts/chart.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { cellLabelsFit, cohortHeatmapOption, cohortTable } from './cohort-heatmap-option.js';
import { isSmallCohort, pointsPerCustomer, smallCohortCustomers } from './cohort-scale.js';

/** The narrowest month column a finger taps (WCAG 2.2's 24 px target): 37 months on a phone's width were 5.6 px each. */
const tappableMonthWidth = 24;
/** The row names ("2026. g. janv. · 412 (maza)", about 170 px in the axis's 12 px type) and the plot's margins, with some to spare. */
const rowNamesWidth = 200;

/** `dataEndDay`: the data set's last day when the report stands on it: its month is cut by the data's end, not under way. */
export function CohortHeatmap({ cohorts, horizonDays, dataEndDay = null }: { cohorts: Cohort[]; horizonDays?: number; dataEndDay?: string | null }) {
  const { t, format, locale } = useI18n();
  const { ref, width } = useWidth();
  const columns = Math.max(0, ...cohorts.map((cohort) => cohort.months.length));
  const showLabels = width !== null && cellLabelsFit(width, columns);
  const option = useMemo(() => cohortHeatmapOption(cohorts, t, format, locale, dataEndDay, showLabels), [cohorts, t, format, locale, dataEndDay, showLabels]);
  const table = useMemo(() => cohortTable(cohorts, t, horizonDays), [cohorts, t, horizonDays]);
  const hasMonthUnderWay = cohorts.some((cohort) => cohort.months.some((month) => month.isPartial && month.monthIndex > 0));
  return (
    <div ref={ref}>
      <Chart title={t('reports.cohorts.title')} fileName={t('files.charts.cohorts')} option={option} table={table} height={Math.max(280, cohorts.length * 18 + 100)}
        minTouchWidth={rowNamesWidth + columns * tappableMonthWidth} />
      <p className="small muted">{t('reports.cohorts.reading')}</p>
      {hasMonthUnderWay ? <p className="small muted">{dataEndDay ? t('reports.cohorts.partialNoteDataEnds', { day: format.date(dataEndDay) }) : t('reports.cohorts.partialNote')}</p> : null}
      {cohorts.some(isSmallCohort)
        ? <p className="small muted">{t('reports.cohorts.smallNote', { threshold: format.number(smallCohortCustomers), points: format.number(pointsPerCustomer(smallCohortCustomers)) })}</p>
        : null}
    </div>
  );
}

/** The width the chart is drawn at, followed as the window changes: the cells' labels show only where they fit. */
function useWidth() {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState<number | null>(null);
  useEffect(() => {
    if (!ref.current) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.round(entry.contentRect.width)));
    observer.observe(ref.current);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}
