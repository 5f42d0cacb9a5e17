import type { WriteContext } from './batch-context.js';

/**
 * What a row's `line` counts: its line in a file (an import of a file, or an API batch sent with
 * its file's `lines`), or its place among the records of an API batch sent without them, which
 * starts again at 1 in each batch.
 */
export type LinesOf = 'file' | 'batch';

/** A row named in a reason's sentence: "line 4", or "item 4" of an API batch. */
export function rowName(line: number, context: Pick<WriteContext, 'linesOf'>): string {
  return `${context.linesOf === 'file' ? 'line' : 'item'} ${line}`;
}

/**
 * A row named without another row beside it to say where it is: "line 4" (of the file being
 * imported), or "item 4 of this batch", since an API batch's items count from 1 in each batch.
 */
export function rowNameInFull(line: number, context: Pick<WriteContext, 'linesOf'>): string {
  return context.linesOf === 'file' ? `line ${line}` : `item ${line} of this batch`;
}

/**
 * Where a row that came first is, for "it already appeared …": on a line of the file, or as an item
 * of this batch or, in a run sent in several batches, of an earlier one (`isEarlierBatch`).
 */
export function whereFirstAppeared(line: number, context: Pick<WriteContext, 'linesOf'>, isEarlierBatch = false): string {
  if (context.linesOf === 'file') return `on line ${line} of this file`;
  return `as item ${line} of ${isEarlierBatch ? 'an earlier batch of this import' : 'this batch'}`;
}
