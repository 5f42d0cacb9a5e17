import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import { encodeCursor } from '../core/cursor.js';
import { likePattern } from '../core/like-pattern.js';
import { getStoreSettings } from '../settings/index.js';
import { foldAccents, nameWordsQuery } from './name-search.js';
import { matchIdentities, phoneSearchHint, type SearchHint, type SearchHintCode } from './search-identities.js';
import { pastedEmailOf } from './search-text.js';
import { remainingParts, sortSpecs, type CustomerSort } from './customer-sorts.js';
import { consentColumn, type ConsentKind } from './consent-kinds.js';
import { countMatches, fewestMatches, sortMatches, summariesOf, walkSortOrder, type Filter, type Key } from './list-customers.sql.js';

type Db = Kysely<Database>;

export type ListCustomersQuery = {
  q?: string;
  status?: 'real' | 'lead';
  channel?: 'store' | 'web' | 'mobile' | 'marketplace' | 'phone' | 'other';
  city?: string;
  minRevenueMinor?: number;
  /** A customer type (new, regular, vip, at_risk, …) from the last analysis. */
  type?: string;
  rfmSegment?: string;
  /** Only customers who agreed to this; never asked counts as no. */
  consent?: ConsentKind;
  sort?: CustomerSort;
  cursor?: string;
  limit?: number;
  /** Customer ids to restrict to, e.g. members of a type (from analytics). */
  customerIds?: number[];
};

export type CustomerSummary = {
  customer_id: number; kind: string; name: string | null; email: string | null; phone: string | null; city: string | null; country: string | null;
  is_stub: boolean; created_at: Date; first_purchase_at: Date | null; last_purchase_at: Date | null; order_count: number; revenue_minor: number;
  purchase_days: number; is_real: boolean; types: string[] | null; primary_type: string | null; rfm_segment: string | null;
  /** Null when the customer was never asked (only true allows a campaign). */
  consent_email: boolean | null; consent_sms: boolean | null; consent_whatsapp: boolean | null; consent_profiling: boolean | null;
};

/**
 * How far a page reads down the sort order before it gives up walking: a filter
 * that matches fewer than one customer in fifty there (rare, or at the other end
 * of the order, like leads sorted by spend) is answered from its matches instead.
 */
const defaultWalkRows = 5_000;
/** A filter with at most this many matches (counted through its index) is answered from its matches straight away. */
const fewMatches = 50_000;

type Row = CustomerSummary & { sort_value: string | number };

/**
 * A page of the list; `hint` says in English how to search again when a search found no one and
 * the text shows why (search-identities.ts), `hintCode` and `hintValues` say the same for a screen
 * to put in its reader's language.
 */
export type CustomerPage = {
  items: CustomerSummary[]; nextCursor: string | null;
  hint?: string; hintCode?: SearchHintCode; hintValues?: { text: string; country: string; example?: string };
};

/**
 * Customers, filtered and keyset-paginated (stable under inserts, fast at any
 * depth). A page walks the sort's index from the cursor, at most `walkRows` rows,
 * keeping those that pass the filters; when a filter has few matches, or the walk
 * does not fill the page, it takes every match after the cursor and sorts those
 * instead. Either way the page is exactly the next `limit` customers in order. No
 * total is counted: at a million customers an exact count costs more than the page.
 */
export async function listCustomers(db: Db, query: ListCustomersQuery, options: { walkRows?: number } = {}): Promise<CustomerPage> {
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
  const sortName = query.sort ?? 'recent';
  const sort = sortSpecs[sortName];
  const filters = await filtersOf(db, query);
  const parts = remainingParts(sortName, query.cursor);
  const fewest = await fewestMatches(db, filters, fewMatches);
  const keys: Key[] = [];
  for (const position of parts) {
    const wanted = limit + 1 - keys.length;
    const walked = fewest !== null && fewest <= fewMatches ? [] : await walkSortOrder(db, sort, filters, position, wanted, options.walkRows ?? defaultWalkRows);
    keys.push(...(walked.length === wanted ? walked : await sortMatches(db, sort, filters, position, wanted)));
    if (keys.length > limit) break;
  }
  // in the order of the parts, which the sort key alone does not give (the nameless have the lowest name key)
  const order = new Map(keys.map((key, index) => [key.customerId, index]));
  const rows = (await summariesOf<Row>(db, sort, keys)).sort((a, b) => order.get(Number(a.customer_id))! - order.get(Number(b.customer_id))!);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const hint = items.length === 0 && !query.cursor ? await searchHint(db, query.q) : null;
  return {
    items: items.map(({ sort_value: _ignored, ...item }) => item),
    nextCursor: rows.length > limit && last ? encodeCursor(last.sort_value, last.customer_id, sortName) : null,
    ...(hint === null ? {} : { hint: hint.message, hintCode: hint.code, hintValues: { text: hint.text, country: hint.country, ...(hint.example === null ? {} : { example: hint.example }) } }),
  };
}

/** Why a search that found no one may have missed, when the text says (a phone number written so it reads as none). */
async function searchHint(db: Db, q: string | undefined): Promise<SearchHint | null> {
  const text = q?.trim();
  return text ? phoneSearchHint(text, (await getStoreSettings(db)).defaultCountry) : null;
}

export type CustomerCountQuery = Omit<ListCustomersQuery, 'sort' | 'cursor' | 'limit'>;

/**
 * How many customers the list holds under these filters: asked for on its own
 * (the list's pages never count), so a screen can show the first page at once
 * and the total when it comes.
 */
export async function countCustomers(db: Db, query: CustomerCountQuery): Promise<{ count: number }> {
  return { count: await countMatches(db, await filtersOf(db, query)) };
}

const capped = (from: RawBuilder<unknown>) => (cap: number) => sql<number>`(select count(*) from (select 1 from ${from} limit ${cap + 1}) s)`;

async function filtersOf(db: Db, query: CustomerCountQuery): Promise<Filter[]> {
  const filters: Filter[] = [];
  const add = (reads: Filter['reads'], condition: RawBuilder<unknown>, countUpTo?: Filter['countUpTo']) => filters.push({ reads, condition, countUpTo });
  // only spaces is no search (as a name pattern, '%' would have dropped the nameless);
  // an address pasted with its brackets or full stop is searched for as the address alone
  const text = query.q?.trim() && (pastedEmailOf(query.q) ?? query.q.trim());
  if (text) {
    const { defaultCountry } = await getStoreSettings(db);
    const matched = await matchIdentities(db, text, defaultCountry);
    const byName = nameMatch(text);
    add('c', sql`(${byName} or c.customer_id = any(${matched}::bigint[]))`, (cap) => sql<number>`${capped(sql`customer c where ${byName}`)(cap)} + ${matched.length}::int`);
  }
  if (query.status === 'real') add('t', sql`t.order_count > 0`);
  if (query.status === 'lead') add('t', sql`t.order_count = 0`);
  if (query.channel) add('t', sql`${sql.ref(`t.${query.channel}_order_count`)} > 0`);
  if (query.city) {
    // the expression of customer_city_folded_idx (db/migrations/202612140100_customer_city_folded.sql), so "riga" finds Rīga through it
    const city = foldAccents(query.city).toLowerCase();
    add('c', sql`lower(fold_accents(c.city)) = ${city}`, capped(sql`customer where lower(fold_accents(city)) = ${city}`));
  }
  if (query.minRevenueMinor !== undefined) add('t', sql`t.revenue_minor >= ${query.minRevenueMinor}`, capped(sql`customer_trait where revenue_minor >= ${query.minRevenueMinor}`));
  // containment, not `= any(...)`, so the GIN index on types can find a rare type
  if (query.type) add('ct', sql`ct.types @> array[${query.type}]::text[]`, capped(sql`customer_type where types @> array[${query.type}]::text[]`));
  if (query.rfmSegment) add('r', sql`r.segment = ${query.rfmSegment}`, capped(sql`customer_rfm where segment = ${query.rfmSegment}`));
  // no count through an index: consent is common enough that walking the sort order finds a page sooner than sorting every match
  if (query.consent) add('c', consentCondition(query.consent));
  if (query.customerIds) add('c', sql`c.customer_id = any(${query.customerIds}::bigint[])`, () => sql<number>`${query.customerIds!.length}::int`);
  return filters;
}

/** `is true`, not `= true`: a customer never asked (null) is left out, as one who said no is. */
const consentCondition = (kind: ConsentKind) => sql`${sql.ref(`c.${consentColumn(kind)}`)} is true`;

/**
 * Customers whose name starts with the text, or has a word starting with each of
 * its words (name-search.ts), accents and apostrophes folded on both sides ("janis berzins" finds
 * "Jānis Bērziņš", "obrien" finds "O'Brien"). Both through an index: the start-of-name one, and the words
 * one, whose expression (db/migrations/202612140300_customer_name_search_and_sort.sql)
 * this must repeat exactly for the planner to use it. The start of the name stays
 * unfolded: any start that holds a letter has a word, which the folded words find.
 */
function nameMatch(text: string): RawBuilder<unknown> {
  const startsWith = sql`lower(c.name) like ${likePattern(text.toLowerCase(), 'starts_with')}`;
  const words = nameWordsQuery(foldAccents(text));
  return words === null ? startsWith : sql`(${startsWith} or to_tsvector('simple', name_search_text(coalesce(c.name, ''))) @@ to_tsquery('simple', ${words}))`;
}
