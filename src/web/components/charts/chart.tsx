import { useEffect, useId, useRef } from 'react';
import { echarts, type EChartsCoreOption } from './echarts-setup.js';
import { categoricalPalette } from './palette.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { downloadFile } from '../csv.js';
import { safeFileName } from '../file-name.js';
import { useStoreSettings } from '../../features/settings/store-settings-context.js';
import { readableTable, type ChartTable } from './chart-table.js';
import { chartCsvFile } from './chart-csv.js';
import { composeChartPng, exportHeadingLines } from './export-heading.js';

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
};

export type ChartClick = { componentType?: string; dataIndex?: number; value?: unknown };

/** One ECharts canvas with PNG and CSV export; its numbers are also in a visually hidden table. */
export function Chart({ title, fileName, fileNameParts = [], option, table, height = 320, onClick }: ChartProps) {
  const { t, format, locale } = useI18n();
  const currency = useStoreSettings()?.currency ?? null;
  const element = useRef<HTMLDivElement>(null);
  const captionId = useId();
  const instance = useRef<ReturnType<typeof echarts.init> | null>(null);
  // the latest handler, read at click time: the chart is made once and outlives renders
  const clickHandler = useRef(onClick);
  clickHandler.current = onClick;

  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current, undefined, { renderer: 'canvas' });
    instance.current = chart;
    chart.on('click', (event) => clickHandler.current?.(event as ChartClick));
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      chart.dispose();
      instance.current = null;
    };
  }, []);

  useEffect(() => {
    // No ECharts aria: it overwrites the element's translated aria-label with an English description
    // (and "NaN" for a Sankey); the title and the hidden table below say it in the reader's language.
    instance.current?.setOption({ color: [...categoricalPalette], animationDuration: 300, ...option }, true);
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
  return (
    <figure className="chart" aria-labelledby={captionId}>
      {/* the caption names the figure: holding the download buttons, it named every chart "Download PNG Download CSV".
          Out of sight, as the table below: the page shows the chart under a heading of its own. aria-labelledby as well:
          Chromium does not name a figure by its figcaption */}
      <figcaption id={captionId} className="visually-hidden">{title}</figcaption>
      <div ref={element} className="chart-canvas" style={{ height }} role="img" aria-label={title} />
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
