import { AppError } from './errors.js';

/**
 * Opaque keyset cursors: the sort value and id of the last row of a page, and
 * optionally the order they belong to (`scope`), so a cursor from one sort order
 * is refused by another instead of paging it from a wrong place.
 */
export function encodeCursor(value: string | number | null, id: number, scope?: string): string {
  return Buffer.from(JSON.stringify(scope === undefined ? [value, id] : [value, id, scope])).toString('base64url');
}

/**
 * The parts of a cursor, refused with PAGINATION_CURSOR_INVALID unless they have
 * the shape the server issues: the cursor is only base64 JSON, so a caller can
 * send any value, and an id beyond a bigint or a text with NUL in it would
 * otherwise reach the database and fail there.
 */
export function decodeCursor(cursor: string): { value: string | number | null; id: number; scope: string | null } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw cursorInvalid();
  }
  if (!Array.isArray(parsed) || parsed.length < 2 || parsed.length > 3) throw cursorInvalid();
  const [value, id, scope] = parsed as [unknown, unknown, unknown];
  if (!(typeof id === 'number' && Number.isSafeInteger(id) && id >= 1)) throw cursorInvalid();
  if (!(value === null || isStorableText(value) || (typeof value === 'number' && Number.isFinite(value)))) throw cursorInvalid();
  if (!(scope === undefined || isStorableText(scope))) throw cursorInvalid();
  return { value, id, scope: scope ?? null };
}

export const cursorInvalid = () => new AppError('PAGINATION_CURSOR_INVALID', 'The cursor is not valid. Start again without a cursor.', { field: 'cursor' });

const isStorableText = (value: unknown): value is string => typeof value === 'string' && !value.includes('\u0000');
