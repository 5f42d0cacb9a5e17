import { useEffect, useId, useRef, useState, type CSSProperties } from 'react';
import { echarts, type EChartsCoreOption } from './echarts-setup.js';
import { categoricalPalette } from './palette.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { downloadFile } from '../csv.js';
import { safeFileName } from '../file-name.js';
import { useStoreSettings } from '../../features/settings/store-settings-context.js';
import { readableTable, type ChartTable } from './chart-table.js';
import { chartCsvFile } from './chart-csv.js';
import { composeChartPng, exportHeadingLines } from './export-heading.js';
import { tooltipInSight } from './tooltip-in-sight.js';

export type { ChartTable } from './chart-table.js';

type ChartProps = {
  /** Accessible name of the figure (its caption, kept out of sight), and of its image and hidden table. */
  title: string;
  /** The downloads' name in the reader's language ("pirkumu-ritms"), and what follows it ("pilsēta"), made safe by file-name.ts. */
  fileName: string;
  fileNameParts?: readonly string[];
  option: EChartsCoreOption;
  /** The same numbers as a table: offered to screen readers in the reader's formats, exported as CSV with units, in the reader's separators (chart-csv.ts). */
  table: ChartTable;
  height?: number;
  /** A click on a series item or, with the axis's `triggerEvent`, an axis label (ECharts' click event). */
  onClick?: (event: ChartClick) => void;
  /**
   * The narrowest the chart is drawn on a phone or a touch screen (app.css), in pixels: a wider one than the
   * screen scrolls sideways in a box of its own, the page does not.
   */
  minTouchWidth?: number;
};

export type ChartClick = { componentType?: string; dataIndex?: number; value?: unknown };

/** One ECharts canvas with PNG and CSV export; its numbers are also in a visually hidden table. */
export function Chart({ title, fileName, fileNameParts = [], option, table, height = 320, onClick, minTouchWidth }: ChartProps) {
  const { t, format, locale } = useI18n();
  const currency = useStoreSettings()?.currency ?? null;
  const element = useRef<HTMLDivElement>(null);
  const captionId = useId();
  const instance = useRef<ReturnType<typeof echarts.init> | null>(null);
  // the latest handler, read at click time: the chart is made once and outlives renders
  const clickHandler = useRef(onClick);
  clickHandler.current = onClick;
  const scroller = useRef<HTMLDivElement>(null);
  const [isScrolling, setIsScrolling] = useState(false);

  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current, undefined, { renderer: 'canvas' });
    instance.current = chart;
    chart.on('click', (event) => clickHandler.current?.(event as ChartClick));
    const observer = new ResizeObserver(() => {
      chart.resize();
      // a keyboard scrolls the box only once it can be focused; it is a tab stop only while there is something to scroll to
      if (scroller.current) setIsScrolling(scroller.current.scrollWidth > scroller.current.clientWidth);
    });
    observer.observe(element.current);
    if (scroller.current) observer.observe(scroller.current);
    return () => {
      observer.disconnect();
      chart.dispose();
      instance.current = null;
    };
  }, []);

  useEffect(() => {
    // every chart's tooltip in sight and wrapped on a phone (tooltip-in-sight.ts), whatever chart it is
    const tooltip = option.tooltip && typeof option.tooltip === 'object' ? { tooltip: tooltipInSight(option.tooltip) } : {};
    // No ECharts aria: it overwrites the element's translated aria-label with an English description
    // (and "NaN" for a Sankey); the title and the hidden table below say it in the reader's language.
    instance.current?.setOption({ color: [...categoricalPalette], animationDuration: 300, ...option, ...tooltip }, true);
  }, [option]);

  const exportPng = async () => {
    const pixelRatio = 2;
    const chartUrl = instance.current?.getDataURL({ type: 'png', pixelRatio, backgroundColor: '#ffffff' });
    if (!chartUrl) return;
    // the report card's "As of …" line (report-section.tsx), already in the reader's language
    const asOf = element.current?.closest('.card')?.querySelector('.report-as-of')?.textContent;
    const url = await composeChartPng(chartUrl, exportHeadingLines(title, asOf), pixelRatio);
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = safeFileName(fileName, fileNameParts, 'png');
    anchor.click();
  };

  const readable = readableTable(table, format);
  const canvasStyle = { height, ...(minTouchWidth === undefined ? {} : { '--chart-min-touch-width': `${minTouchWidth}px` }) } as CSSProperties;
  const canvas = <div ref={element} className="chart-canvas" style={canvasStyle} role="img" aria-label={title} />;
  return (
    <figure className="chart" aria-labelledby={captionId}>
      {/* the caption names the figure: holding the download buttons, it named every chart "Download PNG Download CSV".
          Out of sight, as the table below: the page shows the chart under a heading of its own. aria-labelledby as well:
          Chromium does not name a figure by its figcaption */}
      <figcaption id={captionId} className="visually-hidden">{title}</figcaption>
      {minTouchWidth === undefined ? canvas : (
        <div ref={scroller} className="chart-scroll" tabIndex={isScrolling ? 0 : undefined} role="group" aria-labelledby={captionId}>{canvas}</div>
      )}
      <div className="chart-actions">
        <button type="button" className="button-quiet" onClick={() => void exportPng()}>{t('charts.exportPng')}</button>
        <button type="button" className="button-quiet" onClick={() => downloadFile(safeFileName(fileName, fileNameParts, 'csv'), chartCsvFile(table, { currency, minorPerMajor: format.minorPerMajor }, locale))}>{t('charts.exportCsv')}</button>
      </div>
      {/* Hidden by its wrapper: a table ignores width and overflow, so hiding the table itself let a wide one (the cohorts) widen the page. */}
      <div className="visually-hidden">
        <table>
          <caption>{title}</caption>
          <thead><tr>{readable.header.map((cell) => <th key={cell} scope="col">{cell}</th>)}</tr></thead>
          <tbody>{readable.rows.slice(0, 200).map((row, index) => <tr key={index}>{row.map((cell, column) => <td key={column}>{cell}</td>)}</tr>)}</tbody>
        </table>
      </div>
    </figure>
  );
}
