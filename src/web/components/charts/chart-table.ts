import { majorUnits } from '../../../customers/customer-csv.js';
import type { Formatters } from '../../i18n/format.js';

/**
 * What a column of a chart's table holds, so each reader gets it in their own form:
 * the screen-reader table reads like the chart (the reader's number format, percentages,
 * money in the store currency, dates), the CSV stays machine-friendly (a decimal point,
 * no grouping, ISO dates) and says its units in the header:
 * - `count`: a whole number, as is;
 * - `percent`: a ratio (0.112844) written as percent, `Share (%)` 11.2844;
 * - `money`: integer minor units written exactly in major units, `Revenue (IDR)` 19300000,
 *   `Revenue (USD)` 76109.30, as the customer export's `revenue (IDR)` column;
 * - `day` (YYYY-MM-DD) and `month` (YYYY-MM): as sent in the CSV, as dates on screen;
 * - `text`, or no kind: as given.
 */
export type ColumnKind = 'text' | 'count' | 'percent' | 'money' | 'day' | 'month';

/**
 * A value with words the screen-reader table adds after it, "2.1% (so far)"; the CSV writes the value
 * alone, so a table that notes values also says the same in a column of its own for the CSV.
 */
export type NotedValue = { value: string | number | null; note: string };
export type ChartCell = string | number | null | NotedValue;

export type ChartTable = {
  header: readonly string[];
  rows: ReadonlyArray<ReadonlyArray<ChartCell>>;
  /** One per column; without it (or for a column without one) cells are shown and written as given. */
  kinds?: ReadonlyArray<ColumnKind | undefined>;
};

type TableFormat = Pick<Formatters, 'number' | 'percent' | 'money' | 'date' | 'month'>;

const isNoted = (cell: ChartCell): cell is NotedValue => typeof cell === 'object' && cell !== null;
const valueOf = (cell: ChartCell) => (isNoted(cell) ? cell.value : cell);

/** The table as the screen reader reads it: every cell as text, in the reader's formats. */
export function readableTable(table: ChartTable, format: TableFormat): { header: string[]; rows: string[][] } {
  const readable = (cell: ChartCell, kind: ColumnKind | undefined): string => {
    const value = valueOf(cell);
    const text = value === null ? '' : typeof value === 'string' ? readableText(value, kind, format) : readableNumber(value, kind, format);
    if (!isNoted(cell)) return text;
    // a value not known yet reads as its note alone ("not yet"), where the CSV leaves the cell empty
    return text === '' ? cell.note : `${text} (${cell.note})`;
  };
  return { header: [...table.header], rows: table.rows.map((row) => row.map((cell, column) => readable(cell, table.kinds?.[column]))) };
}

function readableNumber(value: number, kind: ColumnKind | undefined, format: TableFormat): string {
  switch (kind) {
    case 'count': return format.number(value);
    case 'percent': return format.percent(value);
    case 'money': return format.money(value);
    default: return String(value);
  }
}

function readableText(value: string, kind: ColumnKind | undefined, format: TableFormat): string {
  if (kind === 'day') return format.date(value);
  if (kind === 'month') return format.month(value);
  return value;
}

export type CsvMoney = { currency: string | null; minorPerMajor: number };

/** The table's rows for the CSV: its header with units, numbers with a point and no grouping, money in major units. */
export function csvTable(table: ChartTable, money: CsvMoney): unknown[][] {
  const header = table.header.map((label, column) => {
    const kind = table.kinds?.[column];
    if (kind === 'percent') return `${label} (%)`;
    if (kind === 'money' && money.currency) return `${label} (${money.currency})`;
    return label;
  });
  const cell = (value: string | number | null, kind: ColumnKind | undefined) => {
    if (typeof value !== 'number') return value;
    // rounded to 4 places: 0.112844 × 100 is 11.284400000000001 in floating point
    if (kind === 'percent') return Number((value * 100).toFixed(4));
    if (kind === 'money') return majorUnits(Math.round(value), money.minorPerMajor);
    return value;
  };
  return [header, ...table.rows.map((row) => row.map((value, column) => cell(valueOf(value), table.kinds?.[column])))];
}
