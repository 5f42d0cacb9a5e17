import { countryCode } from '../ingest/rows/country.js';
import type { FieldType } from './filter-fields.js';
import type { ComparisonOperator } from './filter-types.js';
import { report, type Walk } from './filter-value-checks.js';

/**
 * Values of a comparison that parse but could only ever match no one: a text with spaces around it
 * (imports trim every cell, so "Jakarta " is never stored), a country written as a name where the
 * field holds ISO codes, a negative `days_ago` meant as a day to come.
 */

const trimmedOperators: readonly ComparisonOperator[] = ['eq', 'neq', 'in', 'nin', 'starts_with'];

/**
 * A text value as stored values are written: without the spaces around it (spaces alone then fail
 * starts_with's non-empty check). Saved filters are trimmed too: they can only gain the matches meant.
 */
export function trimTextValues(type: FieldType, op: ComparisonOperator, value: unknown): unknown {
  if (type !== 'text' || !trimmedOperators.includes(op)) return value;
  const trim = (item: unknown) => (typeof item === 'string' ? item.trim() : item);
  return Array.isArray(value) ? value.map(trim) : trim(value);
}

const countryOperators: readonly ComparisonOperator[] = ['eq', 'neq', 'in', 'nin'];

/**
 * `country` holds ISO 3166-1 alpha-2 codes in capitals (the import turns names into codes): a code in
 * any case is written as stored ("id" is ID), a country's name is refused with its code as the
 * suggestion, anything else is refused naming the field. A saved filter keeps what it cannot map.
 * Null when a value was refused.
 */
export function checkCountryCodes(walk: Walk, path: Array<PropertyKey>, field: string, op: ComparisonOperator, value: unknown): unknown {
  if (field !== 'country' || !countryOperators.includes(op)) return value;
  const values = (Array.isArray(value) ? value : [value]) as string[];
  const coded = values.map((item, index) => {
    const code = countryCode(item);
    const isCode = /^[a-z]{2}$/i.test(item);
    if (code !== null && isCode) return code;
    if (walk.isSaved) return isCode ? item.toUpperCase() : item;
    const at = Array.isArray(value) ? [...path, index] : path;
    const shown = JSON.stringify(item.slice(0, 60));
    if (code !== null) {
      return report(walk, at, 'not_one_of', { field, value: item.slice(0, 60), allowed: [code], suggestion: code },
        `${field} holds two-letter ISO 3166 country codes, not names: ${shown} matches no one; use "${code}"`);
    }
    return report(walk, at, 'other', { field, value: item.slice(0, 60) },
      `${field} holds two-letter ISO 3166 country codes (ID, LV, US…) and ${shown} is neither a code nor a country name we know; give the country's code`);
  });
  if (coded.some((item) => item === null)) return null;
  return Array.isArray(value) ? coded : coded[0];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `{"days_ago": -7}` meant "7 days from now", which zod would only call too small: say what to write.
 * False when a value was refused.
 */
export function checkDaysAgoAhead(walk: Walk, path: Array<PropertyKey>, field: string, value: unknown): boolean {
  const values = Array.isArray(value) ? value : [value];
  let isRight = true;
  values.forEach((item, index) => {
    if (!isRecord(item) || typeof item.days_ago !== 'number' || item.days_ago >= 0 || Object.keys(item).length !== 1) return;
    isRight = false;
    const at = [...(Array.isArray(value) ? [...path, index] : path), 'days_ago'];
    // not too_small: the web words that as a number field's range, which a date has not
    report(walk, at, 'other', { field, suggestion: JSON.stringify({ days_ahead: -item.days_ago }) },
      `days_ago must be >=0: it counts back from the as-of day; for a day after it (${field} ${-item.days_ago} days from now) write {"days_ahead": ${-item.days_ago}}`);
  });
  return isRight;
}
