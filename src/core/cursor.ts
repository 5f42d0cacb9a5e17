import { AppError } from './errors.js';

/** Opaque keyset cursors: the sort value and id of the last row of a page. */
export function encodeCursor(value: string | number | null, id: number): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

export function decodeCursor(cursor: string): { value: string | number | null; id: number } {
  try {
    const [value, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof id !== 'number' || !(value === null || typeof value === 'string' || typeof value === 'number')) throw new Error('shape');
    return { value, id };
  } catch {
    throw new AppError('PAGINATION_CURSOR_INVALID', 'The cursor is not valid. Start again without a cursor.', { field: 'cursor' });
  }
}
