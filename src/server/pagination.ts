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

/** A page of at most `limit` rows from `rows` (read with one more than the page), with the cursor after its last row, or null on the last page. */
export function pageOf<Row>(rows: Row[], limit: number, cursorOf: (row: Row) => string): { items: Row[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? cursorOf(last) : null };
}

/** pageOf for a list kept newest first by its id. */
export function pageByIds<Row>(rows: Row[], limit: number, list: string, idOf: (row: Row) => number): { items: Row[]; nextCursor: string | null } {
  return pageOf(rows, limit, (row) => encodeCursor(null, idOf(row), list));
}

/**
 * Cursors of members lists (a segment's, a persona's), kept in customer id
 * order: the last customer id of a page, scoped to its list, so a cursor is
 * only ever one the list gave out; a bare customer id is what `after` takes.
 */
export const memberCursor = (lastCustomerId: number | null, list: string): string | null => (lastCustomerId === null ? null : encodeCursor(null, lastCustomerId, list));

/** The customer id a members list's cursor continues after; refused with PAGINATION_CURSOR_INVALID unless this list issued it. */
export const afterOfMemberCursor = (cursor: string | undefined, list: string): number | undefined => (cursor === undefined ? undefined : idOfCursor(cursor, list));
