/** What an erased customer's personal value reads as where a record of them stays (audit log, stored answers). */
export const erasedMarker = '[erased]';

/**
 * Keys whose values say what happened, not to whom: which fields and kinds, ids, counts, the import
 * file and line. Every other value an erased customer's entry holds is replaced, so a key added to a
 * detail later is erased until it is listed here (failing closed).
 */
const auditKeptKeys = new Set([
  'fields', 'kind', 'namespace', 'clearedField', 'identities', 'mergeId', 'mergeIds', 'mergedCustomerId', 'mergedCustomerIds',
  'restoredCustomerId', 'orders', 'laterOrders', 'laterEvents', 'laterGifts', 'importId', 'file', 'line',
]);

/** A reject keeps where it was and what was wrong; its reason, raw row and values named them. Customer ids stay, as in the audit log. */
const rejectKeptKeys = new Set(['file', 'line', 'field', 'code', 'order', 'ownerId', 'customerId']);

/** Maps of a profile's field values (an edit's before and after): every value in them is personal, whatever the field's name. */
const valueMapKeys = new Set(['before', 'after']);

/** Keys whose text identifies a person anywhere it appears again: searched for in stored answers that name no customer id. */
const identifyingKeys = new Set(['name', 'email', 'phone', 'value', 'from', 'to']);

export type Erasure = { erased: unknown; identifyingTexts: string[] };

function eraseWithin(value: unknown, keptKeys: ReadonlySet<string>, texts: string[], key: string | null, isValueMap: boolean): unknown {
  if (value === null || value === undefined) return value;
  if (Array.isArray(value)) return value.map((item) => eraseWithin(item, keptKeys, texts, key, isValueMap));
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([name, item]) => {
      if (!isValueMap && keptKeys.has(name)) return [name, item];
      return [name, eraseWithin(item, keptKeys, texts, name, isValueMap || valueMapKeys.has(name))];
    }));
  }
  if (typeof value === 'string' && key !== null && identifyingKeys.has(key) && value !== erasedMarker) texts.push(value);
  return erasedMarker;
}

/**
 * An audit entry's detail about an erased customer: who did what kind of thing stays (the entry's actor,
 * action and time are not in the detail), the values it recorded (emails, phones, names, external ids,
 * the profile's values before and after an edit) read `[erased]`; nulls stay, they held nothing.
 */
export function eraseAuditDetail(detail: unknown): Erasure {
  const identifyingTexts: string[] = [];
  return { erased: eraseWithin(detail, auditKeptKeys, identifyingTexts, null, false), identifyingTexts };
}

/** An import reject naming an erased customer, in an answer kept for an Idempotency-Key replay. */
export function eraseReject(reject: unknown): unknown {
  return eraseWithin(reject, rejectKeptKeys, [], null, false);
}

/**
 * Whether a stored text names them: it holds one of their identifying texts. Texts shorter than four
 * characters are not looked for, as they would be found in other people's rows too.
 */
export function isNamingAny(value: unknown, texts: readonly string[]): boolean {
  const text = JSON.stringify(value);
  return texts.some((needle) => needle.length >= 4 && text.includes(JSON.stringify(needle).slice(1, -1)));
}
