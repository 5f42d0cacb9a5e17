import type { FilterProblem, FilterProblemKind, FilterProblemParams } from './filter-problems.js';
import { spellingInList } from '../core/closed-list.js';
import { listedValues } from './listed-values.js';
import { isDateRangeReversed, isWindowEmpty } from './filter-days.js';
import type { FieldType } from './filter-fields.js';
import type { ComparisonOperator, DateValue, FilterNode, TimeWindow } from './filter-types.js';
import { closedLists, numberRanges, type ClosedList } from './filter-values.js';

/**
 * The problems found so far in a filter, and how many conditions it has. `isSaved`: a saved
 * segment's filter, whose values are not refused for what only newer checks find (parseSavedFilter).
 */
export type Walk = {
  problems: FilterProblem[]; nodes: number; isSaved: boolean;
  /** Values the store lists for a field (persona names, filter-catalog.ts); a field missing here is not checked. */
  storeLists?: Readonly<Record<string, readonly string[]>>;
};

/** Records a problem and stops this branch of the walk (null: no node). */
export function report(walk: Walk, path: Array<PropertyKey>, kind: FilterProblemKind, params: FilterProblemParams, message: string): null {
  walk.problems.push({ path: pathText(path), message, kind, params });
  return null;
}

export function pathText(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : `${text}.${String(key)}`), 'filter');
}

/** Tests a closed-list value is taken whole by: equality and membership, or "has the type" on a list of types. */
export function isWholeValueTest(op: ComparisonOperator, type: FieldType): boolean {
  return ['eq', 'neq', 'in', 'nin'].includes(op) || (type === 'text_list' && op === 'contains');
}

const dateText = (value: DateValue) => JSON.stringify(value);

/** A date range the wrong way round; `message` says what is expected, the values follow. */
export function reportReversedDates(walk: Walk, path: Array<PropertyKey>, low: DateValue, high: DateValue, message: string): null {
  return report(walk, path, 'range_reversed', { low: dateText(low), high: dateText(high) }, `${message}, got ${dateText(low)} and ${dateText(high)}`);
}

/**
 * Values of a closed list as the list spells them (see filter-values.ts); a value it does not hold
 * is a problem naming the values it does. Null when any was refused.
 */
export function spellInList<T extends string | string[]>(walk: Walk, path: Array<PropertyKey>, value: T, list: ClosedList): T | null {
  const values = Array.isArray(value) ? value : [value];
  const spelled = values.map((item, index) => {
    const spelling = spellingInList(list.values, item);
    if (spelling !== null) return spelling;
    if (walk.isSaved) return item;
    const at = Array.isArray(value) ? [...path, index] : path;
    return report(walk, at, 'not_one_of', { allowed: [...list.values], value: item.slice(0, 60) },
      `${JSON.stringify(item.slice(0, 60))} is not ${list.noun}; use one of: ${listedValues(list.values)}`);
  });
  if (spelled.some((item) => item === null)) return null;
  return (Array.isArray(value) ? spelled : spelled[0]) as T;
}

/**
 * The numbers of a comparison on a bounded field (filter-values.ts): a number outside its range is refused
 * whatever the operator, as a closed list's stranger is, since no customer has it (`p_alive gt 1.5`,
 * `age lt -1`). Each problem names the field, its range and the value. False when any was refused.
 */
export function checkNumberRange(walk: Walk, path: Array<PropertyKey>, field: string, op: ComparisonOperator, value: unknown): boolean {
  if (walk.isSaved || op === 'is_null' || !Object.hasOwn(numberRanges, field)) return true;
  const { minimum, maximum, holds } = numberRanges[field];
  const within = maximum === undefined ? `give ${minimum} or more` : `give a value from ${minimum} to ${maximum}`;
  const values = Array.isArray(value) ? value : [value];
  let isWithin = true;
  values.forEach((item, index) => {
    if (typeof item !== 'number') return;
    const at = Array.isArray(value) ? [...path, index] : path;
    const refuse = (kind: 'too_small' | 'too_big', message: string) => {
      isWithin = false;
      report(walk, at, kind, { origin: 'number', ...(kind === 'too_small' ? { minimum } : { maximum: maximum! }), field, value: item }, message);
    };
    if (item < minimum) refuse('too_small', `${field} holds ${holds}; no customer has ${item}: ${within}`);
    else if (maximum !== undefined && item > maximum) refuse('too_big', `${field} holds ${holds}; no customer has ${item}: ${within}`);
  });
  return isWithin;
}

/**
 * A fixed window whose `to` comes before its `from` holds no time at all, and nor does one whose
 * `to` (not included) is where it starts: from a day to the same day, or from a time to its own day.
 */
function checkWindow(walk: Walk, path: Array<PropertyKey>, window: TimeWindow | undefined): boolean {
  if (walk.isSaved || !window || 'days' in window || window.to === undefined) return true;
  if (isDateRangeReversed(window.from, window.to)) {
    reportReversedDates(walk, path, window.from, window.to, 'a window runs from "from" to a later "to"');
    return false;
  }
  if (!isWindowEmpty(window.from, window.to)) return true;
  const [from, to] = [dateText(window.from), dateText(window.to)];
  report(walk, path, 'window_empty', { from, to },
    `a window runs from the start of "from" up to the start of "to", which is not included: from ${from} to ${to} holds no time; give a "to" after "from" (the next day, to take in one whole day)`);
  return false;
}

/** A list the schema made of one text or of several, checked at the path it was written at. */
function spellTextList(walk: Walk, path: Array<PropertyKey>, written: unknown, values: string[] | undefined, list: ClosedList): string[] | null | undefined {
  if (values === undefined) return undefined;
  const spelled = spellInList(walk, path, Array.isArray(written) ? values : values[0], list);
  return spelled === null ? null : [spelled].flat();
}

/** Purchase and interest conditions: the closed lists among their values, and their windows. */
export function checkActivity(walk: Walk, path: Array<PropertyKey>, node: FilterNode, input: Record<string, unknown>): FilterNode | null {
  if ('purchased' in node) {
    const written = input.purchased as Record<string, unknown>;
    const channel = spellTextList(walk, [...path, 'purchased', 'channel'], written.channel, node.purchased.channel, closedLists.orderChannel);
    const isWindowRight = checkWindow(walk, [...path, 'purchased', 'within'], node.purchased.within);
    if (channel === null || !isWindowRight) return null;
    return { purchased: { ...node.purchased, ...(channel ? { channel } : {}) } };
  }
  if ('interest' in node) {
    const written = input.interest as Record<string, unknown>;
    const kind = spellTextList(walk, [...path, 'interest', 'kind'], written.kind, node.interest.kind, closedLists.interestKind);
    const isWindowRight = checkWindow(walk, [...path, 'interest', 'within'], node.interest.within);
    if (kind === null || !isWindowRight) return null;
    return { interest: { ...node.interest, ...(kind ? { kind } : {}) } };
  }
  return node;
}
