import { consentKinds } from '../../../customers/consent-kinds.js';
import { fractionDigitsOf, parseAmount } from './parse-amount.js';

/** The list's filters; kept in the URL so a view can be bookmarked, shared and saved. */
export type CustomerFilters = {
  q: string;
  status: '' | 'real' | 'lead';
  channel: '' | 'store' | 'web' | 'mobile' | 'marketplace' | 'phone' | 'other';
  city: string;
  /** In the store currency's major units, as typed in the reader's locale; converted to minor units for the API. */
  minSpend: string;
  sort: 'recent' | 'revenue' | 'last_purchase' | 'name';
  /** A customer type from the last analysis (any of the customer's types), e.g. vip. */
  type: string;
  /** An RFM segment name as the API writes it, e.g. "Champions". */
  rfmSegment: string;
  /** Only customers who agreed to this (never asked counts as no): whom a campaign may reach. */
  consent: '' | (typeof consentKinds)[number];
};

export { consentKinds };
export const channels = ['store', 'web', 'mobile', 'marketplace', 'phone', 'other'] as const;
export const sorts = ['last_purchase', 'revenue', 'recent', 'name'] as const;
/** Who bought last comes first: the list is about real customers, and newest-first opened on a page of leads. */
export const defaultSort: CustomerFilters['sort'] = 'last_purchase';
/** The types of src/analytics (precedence order) and the RFM segment names of its RFM report. */
export const customerTypes = ['vip', 'loyal', 'regular', 'occasional', 'new', 'one_time', 'at_risk', 'lapsed', 'lead', 'consumer'] as const;
export const rfmSegments = ['Champions', 'Loyal', 'Potential loyalists', 'New customers', 'Promising', 'Need attention', 'About to sleep', 'At risk', "Can't lose them", 'Hibernating', 'Lost'] as const;

export const emptyFilters: CustomerFilters = { q: '', status: '', channel: '', city: '', minSpend: '', sort: defaultSort, type: '', rfmSegment: '', consent: '' };

export function filtersFromSearch(search: URLSearchParams): CustomerFilters {
  // an absent parameter is the fallback ('' for "any"), never null: null would be written back as "status=null"
  const pick = <T extends string>(value: string | null, allowed: readonly T[], fallback: T): T => (value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback);
  return {
    q: search.get('q') ?? '',
    status: pick(search.get('status'), ['', 'real', 'lead'] as const, ''),
    channel: pick(search.get('channel'), ['', ...channels] as const, ''),
    city: search.get('city') ?? '',
    minSpend: search.get('minSpend') ?? '',
    sort: pick(search.get('sort'), sorts, defaultSort),
    type: pick(search.get('type'), ['', ...customerTypes] as const, ''),
    rfmSegment: pick(search.get('rfmSegment'), ['', ...rfmSegments] as const, ''),
    consent: pick(search.get('consent'), ['', ...consentKinds] as const, ''),
  };
}

export function filtersToSearch(filters: CustomerFilters): string {
  const parameters = new URLSearchParams();
  // views saved before absent filters were read as '' hold null: still no filter, not "status=null"
  for (const [key, value] of Object.entries(filters) as [string, string | null][]) if (value !== '' && value !== null && !(key === 'sort' && value === defaultSort)) parameters.set(key, value);
  const text = parameters.toString();
  return text ? `?${text}` : '';
}

/** How amounts are written and counted: the Intl tag of the reader's locale and the store currency's minor units per major unit. */
export type AmountFormat = { tag: string; minorPerMajor: number };

/** The minimum spend in minor units: none when the field is empty, or `isValid: false` when it cannot be read in the reader's locale. */
export function readMinSpend(text: string, amountFormat: AmountFormat): { isValid: boolean; minor?: number } {
  if (text.trim() === '') return { isValid: true };
  const parsed = parseAmount(text, amountFormat.tag, fractionDigitsOf(amountFormat.minorPerMajor));
  return parsed.ok ? { isValid: true, minor: parsed.minor } : { isValid: false };
}

/** The API's query for these filters; a min spend that cannot be read is left out (the filter bar marks the field as invalid). */
export function filtersToQuery(filters: CustomerFilters, amountFormat: AmountFormat): Record<string, string | number | undefined> {
  return {
    q: filters.q.trim() || undefined,
    status: filters.status || undefined,
    channel: filters.channel || undefined,
    city: filters.city.trim() || undefined,
    minRevenueMinor: readMinSpend(filters.minSpend, amountFormat).minor,
    type: filters.type || undefined,
    rfmSegment: filters.rfmSegment || undefined,
    consent: filters.consent || undefined,
    sort: filters.sort,
  };
}
