/**
 * Which accepted key a client most likely meant by one the schema does not know. Requests take
 * camelCase keys while some answers carry snake_case ones (`default_country`), so a client copying a
 * response's key back is the usual case; a typo of a letter or two is the other.
 */
export function suggestAcceptedKey(unknown: string, accepted: readonly string[]): string | null {
  // no accepted key is this long: a long one is no one's typo, and comparing it would cost time a caller chooses
  if (unknown.length > longestKeyCompared) return null;
  const wanted = normalisedKey(unknown);
  const sameWord = accepted.find((key) => normalisedKey(key) === wanted);
  if (sameWord !== undefined) return sameWord;
  // a short key is a near miss of too much ("a" is two edits from "id"): allow at most half its letters
  const allowed = Math.min(2, Math.floor(wanted.length / 2));
  let best: { key: string; distance: number } | null = null;
  for (const key of accepted) {
    const candidate = normalisedKey(key);
    if (Math.abs(candidate.length - wanted.length) > allowed) continue;
    const distance = editDistance(wanted, candidate);
    if (distance <= allowed && (best === null || distance < best.distance)) best = { key, distance };
  }
  return best?.key ?? null;
}

const longestKeyCompared = 64;
/** Enough for any honest request; a body of thousands of unknown keys is not asked about them all. */
export const mostKeysSuggested = 20;

function normalisedKey(key: string): string {
  return key.replace(/[_\-\s]/g, '').toLowerCase();
}

/** Levenshtein distance: insertions, deletions and substitutions, one row at a time. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

type ZodDefinition = {
  type?: string;
  shape?: Record<string, unknown>;
  innerType?: unknown;
  in?: unknown;
  element?: unknown;
  options?: unknown[];
  left?: unknown;
  right?: unknown;
  valueType?: unknown;
  items?: unknown[];
  getter?: () => unknown;
};

/**
 * The keys the object schemas at `path` inside a zod schema accept (several when a union or an
 * intersection puts more than one object there); none when the path leads to no object.
 */
export function acceptedKeysAt(schema: unknown, path: ReadonlyArray<string | number>): string[] {
  return [...new Set(objectShapesAt(schema, path, 0).flatMap((shape) => Object.keys(shape)))];
}

// depth bounds a recursive (lazy) schema walked along a path it never ends on
function objectShapesAt(schema: unknown, path: ReadonlyArray<string | number>, depth: number): Array<Record<string, unknown>> {
  const definition = (schema as { _zod?: { def?: ZodDefinition } } | null)?._zod?.def;
  if (!definition || depth > 64) return [];
  const [step, ...rest] = path;
  const inner = (next: unknown) => objectShapesAt(next, path, depth + 1);
  const below = (next: unknown) => objectShapesAt(next, rest, depth + 1);
  switch (definition.type) {
    case 'object': return step === undefined ? [definition.shape ?? {}] : below(definition.shape?.[String(step)]);
    case 'array': return step === undefined ? [] : below(definition.element);
    case 'tuple': return step === undefined ? [] : below(definition.items?.[Number(step)]);
    case 'record': return step === undefined ? [] : below(definition.valueType);
    case 'optional': case 'nullable': case 'default': case 'prefault': case 'readonly': case 'catch': case 'nonoptional': return inner(definition.innerType);
    case 'pipe': return inner(definition.in);
    case 'lazy': return inner(definition.getter?.());
    case 'union': return (definition.options ?? []).flatMap(inner);
    case 'intersection': return [...inner(definition.left), ...inner(definition.right)];
    default: return [];
  }
}

type UnknownKeyIssue = { keyword?: string; instancePath?: string; params?: unknown };

/**
 * For a request refused for keys its schema does not know: the accepted key each one most likely
 * means, and a sentence saying so; null when none comes close. Every such issue counts, not only
 * the one the message leads with, so one answer fixes them all.
 */
export function unknownKeyHint(issues: readonly UnknownKeyIssue[], schema: unknown): { hint: string; suggestions: Record<string, string> } | null {
  const suggestions: Record<string, string> = {};
  let keysLeft = mostKeysSuggested;
  for (const issue of issues) {
    const keys = (issue.params as { keys?: unknown } | undefined)?.keys;
    if (issue.keyword !== 'unrecognized_keys' || !Array.isArray(keys) || keysLeft <= 0) continue;
    const path = (issue.instancePath ?? '').split('/').filter(Boolean);
    const looked = keys.slice(0, keysLeft);
    keysLeft -= looked.length;
    Object.assign(suggestions, suggestedKeys(looked, acceptedKeysAt(schema, path)));
  }
  return suggestionHint(suggestions);
}

/**
 * The accepted key each of the first unknown ones most likely means (query parameters, say),
 * bounded as body keys are: a request of thousands of unknown keys is not asked about them all.
 */
export function suggestedKeys(unknown: readonly unknown[], accepted: readonly string[]): Record<string, string> {
  const suggestions: Record<string, string> = {};
  for (const key of unknown.slice(0, mostKeysSuggested)) {
    const suggestion = typeof key === 'string' ? suggestAcceptedKey(key, accepted) : null;
    if (suggestion !== null) suggestions[key as string] = suggestion;
  }
  return suggestions;
}

/** The sentence saying which accepted key to use for each unknown one; null when none came close. */
export function suggestionHint(suggestions: Record<string, string>): { hint: string; suggestions: Record<string, string> } | null {
  const pairs = Object.entries(suggestions).map(([unknown, suggestion]) => `"${suggestion}" instead of "${unknown}"`);
  if (pairs.length === 0) return null;
  const listed = pairs.length === 1 ? pairs[0] : `${pairs.slice(0, -1).join(', ')} and ${pairs.at(-1)}`;
  return { hint: `Use ${listed}.`, suggestions };
}
