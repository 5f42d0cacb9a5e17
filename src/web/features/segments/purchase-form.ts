import { channelCodes } from './field-kinds.js';
import { buildPurchase, type PurchaseInput } from './filter-text.js';
import { windowFormOf } from './purchase-window.js';

/** The form at rest: the last 90 days, at least once. */
export const purchaseDefaults: PurchaseInput = { category: '', channel: '', window: 'days', days: '90', from: '', last: '', atLeast: '1' };

/** Whether the form holds something someone entered: anything but the defaults (the days of a range not shown do not count). */
export function hasPurchaseInput(input: PurchaseInput): boolean {
  return input.category.trim() !== '' || (input.channel ?? '') !== '' || input.atLeast.trim() !== purchaseDefaults.atLeast
    || (input.window ?? 'days') !== 'days' || input.days.trim() !== purchaseDefaults.days;
}

/** Two forms alike in what they would write: an opened condition not changed holds nothing new. */
export function isSamePurchaseInput(left: PurchaseInput, right: PurchaseInput): boolean {
  return JSON.stringify(buildPurchase(left)) === JSON.stringify(buildPurchase(right));
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const formKeys = ['category', 'channel', 'within', 'count'];

/**
 * The purchase form holding a `purchased` condition (one written in the JSON editor too), or null when
 * the form cannot hold it exactly: the form is only offered where Add would write back the same condition,
 * so going from the JSON to the form and back never changes the filter. A fixed window shows its last day,
 * the day before its `to` (purchase-window.ts).
 */
export function purchaseFormOf(condition: unknown): PurchaseInput | null {
  if (!isRecord(condition) || Object.keys(condition).join(',') !== 'purchased' || !isRecord(condition.purchased)) return null;
  const purchased = condition.purchased;
  if (Object.keys(purchased).some((key) => !formKeys.includes(key))) return null;
  const { category, channel, within, count } = purchased;
  const window = windowFormOf(within);
  if (window === null) return null;
  if (category !== undefined && !(Array.isArray(category) && category.every((item) => typeof item === 'string'))) return null;
  if (channel !== undefined && !(Array.isArray(channel) && channel.length === 1 && (channelCodes as readonly unknown[]).includes(channel[0]))) return null;
  if (count !== undefined && !(isRecord(count) && count.op === 'gte' && typeof count.value === 'number')) return null;
  const form: PurchaseInput = {
    category: ((category as string[] | undefined) ?? []).join(', '),
    channel: (channel as string[] | undefined)?.[0] ?? '',
    window: window.mode,
    days: window.days,
    from: window.from,
    last: window.last,
    atLeast: count === undefined ? '1' : String((count as { value: number }).value),
  };
  // what the form would write back must be the condition itself (a condition written in another key order too:
  // an opened condition saved unchanged is left as it was, see isSamePurchaseInput)
  const built = buildPurchase(form);
  return 'condition' in built && canonical(built.condition) === canonical(condition) ? form : null;
}

/** JSON with every object's keys in order: two documents alike in meaning are alike here. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isRecord(value)) return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(',')}}`;
  return JSON.stringify(value);
}
