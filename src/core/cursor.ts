import { AppError } from './errors.js';

/**
 * Opaque keyset cursors: the sort value and id of the last row of a page, and
 * optionally the order they belong to (`scope`), so a cursor from one sort order
 * is refused by another instead of paging it from a wrong place.
 */
export function encodeCursor(value: string | number | null, id: number, scope?: string): string {
  return Buffer.from(JSON.stringify(scope === undefined ? [value, id] : [value, id, scope])).toString('base64url');
}

export function decodeCursor(cursor: string): { value: string | number | null; id: number; scope: string | null } {
  try {
    const [value, id, scope] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown, unknown];
    if (typeof id !== 'number' || !(value === null || typeof value === 'string' || typeof value === 'number')) throw new Error('shape');
    if (!(scope === undefined || typeof scope === 'string')) throw new Error('shape');
    return { value, id, scope: scope ?? null };
  } catch {
    throw new AppError('PAGINATION_CURSOR_INVALID', 'The cursor is not valid. Start again without a cursor.', { field: 'cursor' });
  }
}
