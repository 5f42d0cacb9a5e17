import { isRealDay } from '../../core/calendar-date.js';
import { cursorInvalid, decodeCursor, encodeCursor } from '../../core/cursor.js';
import { alertKinds } from '../analytics.tables.js';
import type { AlertKey } from './alerts.repo.js';

const knownKinds: ReadonlySet<string> = new Set(alertKinds);
const scope = 'alerts';

/** The cursor after `alert`: its place in the alert order, opaque to clients. */
export function alertCursorOf(alert: AlertKey): string {
  return encodeCursor(`${alert.windowEnd} ${alert.kind} ${alert.changePct}`, alert.alertId, scope);
}

/** The alert a cursor points after, refused with PAGINATION_CURSOR_INVALID unless it has the shape alertCursorOf writes. */
export function alertKeyOfCursor(cursor: string): AlertKey {
  const { value, id, scope: cursorScope } = decodeCursor(cursor);
  if (cursorScope !== scope || typeof value !== 'string') throw cursorInvalid();
  const [windowEnd = '', kind = '', changeText = '', ...rest] = value.split(' ');
  const changePct = Number(changeText);
  if (rest.length > 0 || !isRealDay(windowEnd) || !knownKinds.has(kind) || changeText === '' || !Number.isFinite(changePct)) throw cursorInvalid();
  return { windowEnd, kind, changePct, alertId: id };
}
