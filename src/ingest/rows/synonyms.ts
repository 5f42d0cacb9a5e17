import type { CustomerKind, InterestKind, OrderChannel, OrderStatus } from '../../db/schema.js';
import { fail } from './row-problem.js';

/** Lower case, and spaces, hyphens and underscores made one, so "In-Store" and "in_store" agree. */
export function synonymKey(value: string): string {
  return value.trim().toLowerCase().replace(/[\s\-_]+/g, '_');
}

function table<T extends string>(entries: Record<T, string[]>): Map<string, T> {
  const map = new Map<string, T>();
  for (const [canonical, synonyms] of Object.entries(entries) as Array<[T, string[]]>) {
    map.set(synonymKey(canonical), canonical);
    for (const synonym of synonyms) map.set(synonymKey(synonym), canonical);
  }
  return map;
}

export const channelSynonyms = table<OrderChannel>({
  store: ['pos', 'in-store', 'instore', 'shop', 'retail', 'offline', 'counter', 'till'],
  web: ['online', 'website', 'webshop', 'ecommerce', 'e-commerce', 'internet', 'online store', 'web shop'],
  mobile: ['app', 'mobile app', 'ios', 'android'],
  marketplace: ['tokopedia', 'shopee', 'lazada', 'amazon', 'ebay', 'etsy', 'bukalapak'],
  phone: ['telephone', 'call', 'call center', 'call centre', 'whatsapp'],
  other: ['catalog', 'catalogue', 'mail order', 'unknown'],
});

export const statusSynonyms = table<OrderStatus>({
  paid: ['completed', 'complete', 'fulfilled', 'success', 'succeeded', 'settled', 'captured', 'delivered', 'shipped', 'closed'],
  refunded: ['refund', 'returned', 'fully refunded'],
  partially_refunded: ['partially refunded', 'partial refund', 'partially returned'],
  cancelled: ['canceled', 'cancel', 'voided', 'void', 'rejected'],
});

export const eventKindSynonyms = table<InterestKind>({
  signup: ['sign_up', 'sign up', 'register', 'registration', 'registered', 'account created', 'join', 'joined'],
  inquiry: ['enquiry', 'question', 'contact', 'contact form', 'lead', 'quote request'],
  cart: ['add_to_cart', 'add to cart', 'cart add', 'basket', 'abandoned cart', 'checkout started'],
  visit: ['page_view', 'pageview', 'view', 'session', 'store visit'],
  newsletter: ['subscribe', 'subscribed', 'newsletter signup', 'opt in', 'opt-in'],
  other: [],
});

export const customerKindSynonyms = table<CustomerKind>({
  person: ['individual', 'private', 'consumer', 'b2c'],
  organization: ['organisation', 'company', 'business', 'org', 'b2b'],
});

// Shopify's pending/authorized orders are not purchases yet: importing them would count sales
// that may never happen.
const notPurchases = new Set(['pending', 'authorized', 'authorised', 'unpaid', 'open', 'draft']);

// A file repeats a handful of spellings ("POS", "Completed") a million times; remember what each
// spelling meant instead of normalising it again. Bounded: a column of free text must not grow it.
const foundBySpelling = new WeakMap<Map<string, string>, Map<string, string>>();
const maximumSpellings = 1000;

/** Looks a value up in a synonym table, or stops the row naming the field and the allowed values. */
export function lookUp<T extends string>(field: string, value: string, synonyms: Map<string, T>): T {
  let spellings = foundBySpelling.get(synonyms);
  if (!spellings) foundBySpelling.set(synonyms, (spellings = new Map()));
  const remembered = spellings.get(value) as T | undefined;
  if (remembered !== undefined) return remembered;
  const key = synonymKey(value);
  const found = synonyms.get(key);
  if (found) {
    if (spellings.size >= maximumSpellings) spellings.clear();
    spellings.set(value, found);
    return found;
  }
  if (field === 'status' && notPurchases.has(key)) {
    fail(field, 'STATUS_NOT_PURCHASE', `status "${value}" is not a completed purchase; import orders once they are paid (or map this status to paid)`, { value });
  }
  const allowed = [...new Set(synonyms.values())].join(', ');
  return fail(field, 'VALUE_NOT_ALLOWED', `${field} "${value}" is not one of ${allowed}; change the value or map it to one of these`, { field, value, allowed });
}

// With the words of the product's other languages: a Latvian file writes jā/nē, an Indonesian one ya/tidak.
const booleanValues = new Map([
  ['yes', true], ['y', true], ['true', true], ['1', true], ['t', true], ['jā', true], ['ja', true], ['ya', true],
  ['no', false], ['n', false], ['false', false], ['0', false], ['f', false], ['nē', false], ['ne', false], ['tidak', false],
]);

/** Yes or no in any of the words a file may write, undefined for any other text; the CLI's consent options take the same words. */
export function booleanOf(value: string): boolean | undefined {
  // Most files already write one of the keys ("true", "yes", "1"): skip trimming and lower-casing them.
  return booleanValues.get(value) ?? booleanValues.get(value.trim().toLowerCase().normalize('NFC'));
}

export function parseBoolean(field: string, value: string | null): boolean | null {
  if (value === null) return null;
  const parsed = booleanOf(value);
  if (parsed === undefined) fail(field, 'BOOLEAN_INVALID', `${field} "${value}" is not yes/no; use yes, no, true, false, 1, 0, jā, nē, ya or tidak`, { field, value });
  return parsed;
}
