import { addDays } from '../../../core/clock.js';

/**
 * The time window of a purchase condition as the form holds it, and back. The filter's fixed window is
 * `{from, to}` with `to` not included (docs/segments.md); a person picks the last day they mean, so the
 * form shows that day (`last`) and writes the day after it as `to`. The days are calendar days of the
 * store as a date input gives them ("2025-12-13"): the server reads a plain day in the store's time
 * zone, so nothing here converts between zones.
 */
export type WindowMode = 'any' | 'days' | 'range';
export type WindowForm = { mode: WindowMode; days: string; from: string; last: string };
export type WindowField = 'days' | 'from' | 'last';

/** `within` is absent for "any time" (and for an empty "last … days", as the form always had it). */
export type BuiltWindow = { within?: { days: number } | { from: string; to: string } } | { errorKey: string; fields: WindowField[] };

export const windowModes: readonly WindowMode[] = ['any', 'days', 'range'];
export const emptyWindowForm: WindowForm = { mode: 'days', days: '90', from: '', last: '' };

const wholeNumber = (text: string): number | null => {
  const value = Number(text.trim().replace(/\s/g, ''));
  return text.trim() !== '' && Number.isInteger(value) ? value : null;
};

/** "2026-02-28" yes; "2026-02-30", "2026-2-3" and a day with a time of day no: a day that exists, written as a date input writes it. */
export function isCalendarDay(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && addDays(text, 0) === text;
}

/** The window the form describes, or the problem Add reports with the fields it is about. */
export function windowOfForm(form: WindowForm): BuiltWindow {
  if (form.mode === 'any') return {};
  if (form.mode === 'days') {
    if (form.days.trim() === '') return {};
    const days = wholeNumber(form.days);
    return days === null || days < 1 ? { errorKey: 'segments.builder.needsWholeNumber', fields: ['days'] } : { within: { days } };
  }
  const from = form.from.trim();
  const last = form.last.trim();
  const missing: WindowField[] = [...(isCalendarDay(from) ? [] : ['from' as const]), ...(isCalendarDay(last) ? [] : ['last' as const])];
  if (missing.length > 0) return { errorKey: 'segments.builder.needsBothDates', fields: missing };
  // ISO days compare as text
  if (from > last) return { errorKey: 'segments.builder.needsDateOrder', fields: ['from', 'last'] };
  return { within: { from, to: addDays(last, 1) } };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The form for a condition's `within` (absent: any time), or null when the form cannot show it as it is —
 * days counted from the as-of day, a window open at its end, a time of day, a window that holds no day —
 * so that only the JSON editor changes such a window and nothing is lost by opening it in the form.
 * For every window it accepts, `windowOfForm(windowFormOf(within))` gives the same window back.
 */
export function windowFormOf(within: unknown): WindowForm | null {
  if (within === undefined) return { ...emptyWindowForm, mode: 'any' };
  if (!isRecord(within)) return null;
  const keys = Object.keys(within).sort().join(',');
  if (keys === 'days') {
    const { days } = within;
    return typeof days === 'number' && Number.isInteger(days) && days >= 1 ? { ...emptyWindowForm, days: String(days) } : null;
  }
  if (keys !== 'from,to' || typeof within.from !== 'string' || typeof within.to !== 'string') return null;
  if (!isCalendarDay(within.from) || !isCalendarDay(within.to) || within.from >= within.to) return null;
  return { mode: 'range', days: '', from: within.from, last: addDays(within.to, -1) };
}
