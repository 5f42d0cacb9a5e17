import type { OrderChannel } from '../../db/schema.js';
import type { ImportEntity, Reject } from '../canonical.js';
import type { ReaderOptions } from '../readers/read-records.js';
import type { Mapping } from '../rows/fields.js';

export type RecordValues = Record<string, string | null>;

/** What a preset's transform returns: the record's values (possibly with added columns) or why the row cannot be imported. */
export type TransformResult = { values: RecordValues } | { reject: Pick<Reject, 'field' | 'code' | 'reason' | 'params'> };

/**
 * Everything needed to import one known export format without flags: which entity it holds,
 * how to read the file, which column is which field, and value fixes the generic rules cannot
 * know (Shopify's totals only on an order's first row, UCI's `C` invoices…).
 */
export type Preset = {
  name: string;
  description: string;
  entity: ImportEntity;
  reader: Omit<ReaderOptions, 'onBytes'>;
  /** Namespace for the file's customer and order ids; defaults to the import's source. */
  source?: string;
  /**
   * The channel of every order of the export, when the format tells it and no column does (a
   * marketplace's export is all marketplace): stated on each row as a column of its own
   * (preset-channel.ts), so the web import, which sends the rows it maps, stores it as the CLI does.
   * A preset states either this or a channel column of its mapping, not both.
   */
  channel?: OrderChannel;
  dateFormat?: string;
  /** Canonical field → column; may depend on the headers when a format has variants (CDNOW). */
  mapping: Mapping | ((headers: readonly string[]) => Mapping);
  /** Columns the transform adds to each record, so the header check can count them. */
  addedColumns?: readonly string[];
  /**
   * A fresh transform per file: transforms may remember earlier rows (Shopify's first row of an
   * order), and that memory must not leak between imports.
   */
  createTransform?: () => (values: RecordValues, line: number) => TransformResult;
};

/** The preset's field → column map for a file with these headers; none without a preset. */
export function presetMappingOf(preset: Pick<Preset, 'mapping'> | null | undefined, headers: readonly string[]): Mapping {
  if (!preset) return {};
  return typeof preset.mapping === 'function' ? preset.mapping(headers) : preset.mapping;
}
