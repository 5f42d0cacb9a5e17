import { normaliseExternalId } from '../../../customers/external-id.js';

/**
 * An order's id as the server keys it: trimmed, and a spreadsheet's float of an integer id
 * (`536365.0`) read as the integer, so "536365" and "536365.0" are rows of one order there and here.
 */
export const orderIdOf = normaliseExternalId;

/**
 * The order of a row the reading refused, from its value under the order id's column, as the CLI
 * reads it (ingest/rows/row-parser.ts, orderOfUnreadable): a value holding a line break (a quote
 * swallowed it), U+FFFD or NUL is no id.
 */
export function unreadableRowOrderIdOf(raw: string | undefined): string | null {
  if (!raw || /[\r\n\u0000\ufffd]/.test(raw)) return null;
  return orderIdOf(raw);
}
