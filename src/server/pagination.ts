import { cursorInvalid, decodeCursor, encodeCursor } from '../core/cursor.js';

/**
 * Cursors of lists kept newest first by their id (import runs, model fits):
 * the id of a page's last row, scoped to its list, so a cursor of one list is
 * refused by another.
 */
export function idOfCursor(cursor: string, list: string): number {
  const { value, id, scope } = decodeCursor(cursor);
  if (value !== null || scope !== list) throw cursorInvalid();
  return id;
}

/** A page of at most `limit` rows from `rows` (read with one more than the page), with the cursor of the next page or null. */
export function pageByIds<Row>(rows: Row[], limit: number, list: string, idOf: (row: Row) => number): { items: Row[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(null, idOf(last), list) : null };
}
