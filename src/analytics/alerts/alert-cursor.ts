import { isRealDay } from '../../core/calendar-date.js';
import { cursorInvalid, decodeCursor, encodeCursor } from '../../core/cursor.js';
import { alertKinds } from '../analytics.tables.js';
import type { AlertKey } from './alerts.repo.js';

const knownKinds: ReadonlySet<string> = new Set(alertKinds);
const scope = 'alerts';

/** The cursor after `alert`: its place in the alert order (every key of it but the id, as JSON), opaque to clients. */
export function alertCursorOf(alert: AlertKey): string {
  const value = JSON.stringify([alert.windowEnd, alert.kind, alert.changePct, alert.windowStart, alert.metric, alert.customerId, alert.scope]);
  return encodeCursor(value, alert.alertId, scope);
}

const isText = (value: unknown): value is string => typeof value === 'string' && !value.includes('\u0000');

/** The alert a cursor points after, refused with PAGINATION_CURSOR_INVALID unless it has the shape alertCursorOf writes. */
export function alertKeyOfCursor(cursor: string): AlertKey {
  const { value, id, scope: cursorScope } = decodeCursor(cursor);
  if (cursorScope !== scope || typeof value !== 'string') throw cursorInvalid();
  let parts: unknown;
  try {
    parts = JSON.parse(value);
  } catch {
    throw cursorInvalid();
  }
  if (!Array.isArray(parts) || parts.length !== 7) throw cursorInvalid();
  const [windowEnd, kind, changePct, windowStart, metric, customerId, alertScope] = parts as unknown[];
  if (!isText(windowEnd) || !isRealDay(windowEnd) || !isText(windowStart) || !isRealDay(windowStart) || !isText(kind) || !knownKinds.has(kind)
    || typeof changePct !== 'number' || !Number.isFinite(changePct) || !isText(metric) || !isText(alertScope)
    || !(customerId === null || (typeof customerId === 'number' && Number.isSafeInteger(customerId) && customerId >= 1))) throw cursorInvalid();
  return { windowEnd, kind, changePct, windowStart, metric, customerId, scope: alertScope, alertId: id };
}
