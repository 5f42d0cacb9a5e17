import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { Cohort } from '../../api/analytics-types.js';
import { Chart } from '../../components/charts/chart.js';
import { echarts } from '../../components/charts/echarts-setup.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { cellLabelsFit, cohortHeatmapOption, cohortLabel, cohortTable, placeRowNames, rowNameType, type RowNamePlaces } from './cohort-heatmap-option.js';
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
  const { scroll, measure } = useScrollingBox(ref, cohorts.length, columns);
  const isScrolling = scroll.rowNames !== null;
  const option = useMemo(() => cohortHeatmapOption(cohorts, t, format, locale, dataEndDay, showLabels, isScrolling), [cohorts, t, format, locale, dataEndDay, showLabels, isScrolling]);
  const table = useMemo(() => cohortTable(cohorts, t, horizonDays), [cohorts, t, horizonDays]);
  // the chart's rows move with what it draws: measured again once it has drawn the new option (Chart sets it first, a child's effect)
  useEffect(measure, [option, measure]);
  const hasMonthUnderWay = cohorts.some((cohort) => cohort.months.some((month) => month.isPartial && month.monthIndex > 0));
  return (
    <div ref={ref} className="cohort-heatmap">
      <Chart title={t('reports.cohorts.title')} fileName={t('files.charts.cohorts')} option={option} table={table} height={Math.max(280, cohorts.length * 18 + 100)}
        minTouchWidth={rowNamesWidth + columns * tappableMonthWidth} />
      {scroll.rowNames ? <RowNames places={scroll.rowNames} names={cohorts.map((cohort) => cohortLabel(cohort, t, format))} isScrolledAway={scroll.isScrolledAway} /> : null}
      <p className="small muted">{t('reports.cohorts.reading')}</p>
      {hasMonthUnderWay ? <p className="small muted">{dataEndDay ? t('reports.cohorts.partialNoteDataEnds', { day: format.date(dataEndDay) }) : t('reports.cohorts.partialNote')}</p> : null}
      {cohorts.some(isSmallCohort)
        ? <p className="small muted">{t('reports.cohorts.smallNote', { threshold: format.number(smallCohortCustomers), points: format.number(pointsPerCustomer(smallCohortCustomers)) })}</p>
        : null}
    </div>
  );
}

/** Where the names go over the heat map's box, in the wrapper's pixels: the chart's own places moved by where its canvas starts. */
type RowNameColumn = RowNamePlaces & { left: number; top: number };

/**
 * The row names over the left of the box, where they stay while the cells scroll under them: the chart draws them too,
 * for its PNG, but inside the scrolling canvas. Hidden from screen readers, which have the table; let through to the
 * chart below by a finger, so a swipe on them scrolls the box like one on the cells.
 */
function RowNames({ places, names, isScrolledAway }: { places: RowNameColumn; names: readonly string[]; isScrolledAway: boolean }) {
  return (
    <ol className={isScrolledAway ? 'cohort-row-names is-scrolled-away' : 'cohort-row-names'} aria-hidden="true"
      style={{ left: places.left, top: places.top, width: places.plotLeft, height: places.bottom, fontSize: rowNameType.fontSize, color: rowNameType.color }}>
      {names.map((name, row) => <li key={row} style={{ top: places.rowMiddles[row], right: rowNameType.margin }}>{name}</li>)}
    </ol>
  );
}

type ScrollState = { rowNames: RowNameColumn | null; isScrolledAway: boolean };

/**
 * Whether the chart scrolls sideways in its box (Chart's minTouchWidth, on a phone) and, if so, where its rows are
 * drawn and whether the box has left its start. Read from the page, not the screen's width: the box decides.
 */
function useScrollingBox(ref: RefObject<HTMLDivElement | null>, rows: number, columns: number) {
  const [scroll, setScroll] = useState<ScrollState>({ rowNames: null, isScrolledAway: false });
  const measure = useCallback(() => {
    const wrapper = ref.current;
    const box = wrapper?.querySelector<HTMLElement>('.chart-scroll');
    const canvas = box?.querySelector<HTMLElement>('.chart-canvas');
    const chart = canvas ? echarts.getInstanceByDom(canvas) : undefined;
    if (!wrapper || !box || !canvas || !chart) return;
    const places = box.scrollWidth > box.clientWidth ? placeRowNames(chart, rows, columns) : null;
    const [wrapperBox, boxBox, canvasBox] = [wrapper.getBoundingClientRect(), box.getBoundingClientRect(), canvas.getBoundingClientRect()];
    const rowNames = places && { ...places, left: boxBox.left - wrapperBox.left + box.clientLeft, top: canvasBox.top - wrapperBox.top };
    const next = { rowNames, isScrolledAway: places !== null && box.scrollLeft > 0 };
    // every scroll and every drawing measures: a new state only when something moved, or it would render for ever
    setScroll((previous) => (JSON.stringify(previous) === JSON.stringify(next) ? previous : next));
  }, [ref, rows, columns]);

  useEffect(() => {
    const box = ref.current?.querySelector<HTMLElement>('.chart-scroll');
    const canvas = box?.querySelector<HTMLElement>('.chart-canvas');
    const chart = canvas ? echarts.getInstanceByDom(canvas) : undefined;
    if (!box || !chart) return;
    // 'finished': drawn after a new option or a resize, where the rows then are
    chart.on('finished', measure);
    box.addEventListener('scroll', measure, { passive: true });
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    return () => {
      observer.disconnect();
      box.removeEventListener('scroll', measure);
      if (!chart.isDisposed()) chart.off('finished', measure);
    };
  }, [ref, measure]);
  return { scroll, measure };
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
