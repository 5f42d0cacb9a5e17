import { modelError } from './models.errors.js';

/** 'YYYY-MM-DD' → days since 1970-01-01. */
export function dayNumberOf(isoDate: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw modelError('MODEL_INVALID_PERIOD', `Not a date: ${isoDate}`, { field: 'date', hint: 'YYYY-MM-DD' });
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / 86_400_000;
}

export function isoDateOf(dayNumber: number): string {
  return new Date(dayNumber * 86_400_000).toISOString().slice(0, 10);
}
