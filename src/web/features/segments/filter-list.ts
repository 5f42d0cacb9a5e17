/**
 * The editor shows a filter as one list of conditions joined by "all" (`and`)
 * or "any" (`or`). Any other top level (a single condition, a `not`) reads as
 * a list of one, so every filter has a list view and nothing is hidden.
 */
export type MatchMode = 'all' | 'any';
export type ConditionList = { mode: MatchMode; conditions: unknown[] };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function conditionListOf(filter: unknown): ConditionList {
  if (isRecord(filter) && Object.keys(filter).length === 1) {
    if (Array.isArray(filter.and)) return { mode: 'all', conditions: filter.and };
    if (Array.isArray(filter.or)) return { mode: 'any', conditions: filter.or };
  }
  return { mode: 'all', conditions: [filter] };
}

/** An empty list is always `{"and": []}`: an empty `or` matches no one, which no one means by removing the last condition. */
export function filterOfList(list: ConditionList): unknown {
  if (list.conditions.length === 0) return { and: [] };
  return list.mode === 'all' ? { and: list.conditions } : { or: list.conditions };
}

/** Adds a condition to the top-level list, whether it is matched by all or by any. */
export function addCondition(filter: unknown, condition: unknown): unknown {
  const list = conditionListOf(filter);
  return filterOfList({ ...list, conditions: [...list.conditions, condition] });
}

export function removeConditionAt(filter: unknown, index: number): unknown {
  const list = conditionListOf(filter);
  return filterOfList({ ...list, conditions: list.conditions.filter((_condition, at) => at !== index) });
}

/** Puts `condition` where the condition at `index` was, the rest of the filter as it was. */
export function replaceConditionAt(filter: unknown, index: number, condition: unknown): unknown {
  const list = conditionListOf(filter);
  return filterOfList({ ...list, conditions: list.conditions.map((current, at) => (at === index ? condition : current)) });
}

export function withMatchMode(filter: unknown, mode: MatchMode): unknown {
  return filterOfList({ ...conditionListOf(filter), mode });
}
