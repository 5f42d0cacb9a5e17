import { useEffect, useRef } from 'react';
import { echarts, type EChartsCoreOption } from './echarts-setup.js';
import { categoricalPalette } from './palette.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { downloadFile, toCsv } from '../csv.js';

export type ChartTable = { header: readonly string[]; rows: ReadonlyArray<ReadonlyArray<string | number | null>> };

type ChartProps = {
  /** Accessible name of the figure, and the base of exported file names. */
  title: string;
  fileName: string;
  option: EChartsCoreOption;
  /** The same numbers as a table: exported as CSV and offered to screen readers. */
  table: ChartTable;
  height?: number;
};

/** One ECharts canvas with PNG and CSV export; its numbers are also in a visually hidden table. */
export function Chart({ title, fileName, option, table, height = 320 }: ChartProps) {
  const { t } = useI18n();
  const element = useRef<HTMLDivElement>(null);
  const instance = useRef<ReturnType<typeof echarts.init> | null>(null);

  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current, undefined, { renderer: 'canvas' });
    instance.current = chart;
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

  const exportPng = () => {
    const url = instance.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
    if (!url) return;
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = `${fileName}.png`;
    anchor.click();
  };

  return (
    <figure className="chart">
      <div ref={element} className="chart-canvas" style={{ height }} role="img" aria-label={title} />
      <figcaption className="chart-actions">
        <button type="button" className="button-quiet" onClick={exportPng}>{t('charts.exportPng')}</button>
        <button type="button" className="button-quiet" onClick={() => downloadFile(`${fileName}.csv`, toCsv([table.header, ...table.rows]))}>{t('charts.exportCsv')}</button>
      </figcaption>
      {/* Hidden by its wrapper: a table ignores width and overflow, so hiding the table itself let a wide one (the cohorts) widen the page. */}
      <div className="visually-hidden">
        <table>
          <caption>{title}</caption>
          <thead><tr>{table.header.map((cell) => <th key={cell} scope="col">{cell}</th>)}</tr></thead>
          <tbody>{table.rows.slice(0, 200).map((row, index) => <tr key={index}>{row.map((cell, column) => <td key={column}>{cell ?? ''}</td>)}</tr>)}</tbody>
        </table>
      </div>
    </figure>
  );
}
