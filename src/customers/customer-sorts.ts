import { sql, type RawBuilder } from 'kysely';
import { isRealDay } from '../core/calendar-date.js';
import { cursorInvalid, decodeCursor } from '../core/cursor.js';
import { AppError } from '../core/errors.js';

export const customerSorts = ['recent', 'revenue', 'last_purchase', 'name'] as const;
export type CustomerSort = (typeof customerSorts)[number];

/**
 * What `recent` means, said where people choose it: the customer's number, which grows as
 * Clientele adds customers (an import of an old store adds its oldest customers last), not
 * when they became customers; sorting by created_at would need an index the cursor can use.
 */
export const recentSortMeaning = 'most recently added to Clientele first';

/**
 * A sort order of the customer list and the index that serves it (see
 * db/migrations/202611301300_web_speed.sql): `key` and `id` are read from the
 * driving table (`customer c` or `customer_trait t`), the list is keyset-paginated
 * on (key, id), `cursorValue` is what goes into the cursor and `compareTo` turns it back.
 */
export type SortSpec = {
  driver: 'customer' | 'customer_trait';
  /** The aliases `key`, `id` and the cursor read: `c` (customer) or `t` (customer_trait). */
  reads: 'c' | 't';
  key: RawBuilder<unknown>;
  id: RawBuilder<number>;
  direction: 'asc' | 'desc';
  cursorValue: RawBuilder<unknown>;
  isCursorValue: (value: unknown) => boolean;
  compareTo: (value: string | number) => RawBuilder<unknown>;
  /**
   * Consecutive parts of the order, each listed in (key, id) order by the same
   * index, and which part a cursor value lies in. The name sort lists the named
   * before the nameless this way: one (key, id) order would put the empty key first.
   */
  parts?: Array<{ condition: RawBuilder<unknown>; holds: (cursorValue: unknown) => boolean }>;
};

// bigint keys: a fraction or a number past 2^53 is no value the server issued, and the cast would fail
const isInteger = (value: unknown) => typeof value === 'number' && Number.isSafeInteger(value);
const isText = (value: unknown) => typeof value === 'string';
// Postgres' ISO output of a timestamptz (the offset may carry seconds, as old local mean times do), or
// -infinity for someone who never bought; the fields are checked too, as 9999-99-99 fits the pattern
const instantText = /^(\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?[+-](\d{2})(?::(\d{2}))?(?::(\d{2}))?$/;
const isInstantText = (value: unknown) => {
  if (value === '-infinity') return true;
  const match = typeof value === 'string' ? instantText.exec(value) : null;
  if (!match) return false;
  const [, day = '', hour, minute, second, offsetHours, offsetMinutes = '0', offsetSeconds = '0'] = match;
  return isRealDay(day) && Number(hour) <= 23 && Number(minute) <= 59 && Number(second) <= 59 && Number(offsetHours) <= 15 && Number(offsetMinutes) <= 59 && Number(offsetSeconds) <= 59;
};

const lastPurchaseKey = sql`coalesce(t.last_purchase_at, '-infinity'::timestamptz)`;
// the expression of customer_sort_name_idx (db/migrations/202612140300_customer_name_search_and_sort.sql): the
// accent-folded lower name, then the name as written, joined into one text so the cursor stays one value
const nameKey = sql`coalesce((lower(fold_accents(nullif(c.name, ''))) || E'\\x01' || c.name) collate "C", '')`;

// A cursor is the last row's key as it was read: revenue, last_purchase and name are values that change
// (an order, a merge, an edit), so a customer whose value moves past the cursor mid-walk is skipped or
// repeated. Only recent's key, the customer number, never changes: the sort documented for a complete
// sync (customers.schemas.ts, the sort and cursor descriptions). Not redesigned: a snapshot would cost more.
export const sortSpecs: Record<CustomerSort, SortSpec> = {
  recent: { driver: 'customer', reads: 'c', key: sql`c.customer_id`, id: sql<number>`c.customer_id`, direction: 'desc', cursorValue: sql`c.customer_id`, isCursorValue: isInteger, compareTo: (value) => sql`${value}::bigint` },
  revenue: { driver: 'customer_trait', reads: 't', key: sql`t.revenue_minor`, id: sql<number>`t.customer_id`, direction: 'desc', cursorValue: sql`t.revenue_minor`, isCursorValue: isInteger, compareTo: (value) => sql`${value}::bigint` },
  // Never bought sorts last, as before; the text form keeps microseconds, which a JS Date would drop.
  last_purchase: { driver: 'customer_trait', reads: 't', key: lastPurchaseKey, id: sql<number>`t.customer_id`, direction: 'desc', cursorValue: sql`${lastPurchaseKey}::text`, isCursorValue: isInstantText, compareTo: (value) => sql`${value}::timestamptz` },
  // Named A to Z, accents folded (Ēriks among the E's), then the nameless by id: each part is a range of the one name index.
  name: {
    driver: 'customer', reads: 'c', key: nameKey, id: sql<number>`c.customer_id`, direction: 'asc', cursorValue: nameKey, isCursorValue: isText, compareTo: (value) => sql`${value}::text`,
    parts: [{ condition: sql`${nameKey} > ''`, holds: (value) => value !== '' }, { condition: sql`${nameKey} = ''`, holds: (value) => value === '' }],
  },
};

/**
 * Where the rest of the list lies, in order: one condition per part of the sort
 * still to read (null: the whole order), the first one after the cursor when given.
 */
export function remainingParts(sortName: CustomerSort, cursor: string | undefined): Array<RawBuilder<unknown> | null> {
  const sort = sortSpecs[sortName];
  const after = cursor ? afterCursor(sortName, cursor) : null;
  if (!sort.parts) return [after];
  const value = cursor ? decodeCursor(cursor).value : null;
  const first = after ? sort.parts.findIndex((part) => part.holds(value)) : 0;
  return sort.parts.slice(first).map((part, index) => (index === 0 && after ? sql`${part.condition} and ${after}` : part.condition));
}

/** Rows after the cursor in the sort's order, on the sort's driving table; `recent` compares the id alone so the primary key answers it. */
export function afterCursor(sortName: CustomerSort, cursor: string): RawBuilder<unknown> {
  const sort = sortSpecs[sortName];
  const { value, id, scope } = decodeCursor(cursor);
  if (scope !== sortName) throw new AppError('PAGINATION_CURSOR_INVALID', 'The cursor belongs to another sort order. Start again without a cursor.', { field: 'cursor' });
  if (!sort.isCursorValue(value)) throw cursorInvalid();
  const operator = sql.raw(sort.direction === 'desc' ? '<' : '>');
  if (sort === sortSpecs.recent) return sql`c.customer_id ${operator} ${id}::bigint`;
  return sql`(${sort.key}, ${sort.id}) ${operator} (${sort.compareTo(value as string | number)}, ${id}::bigint)`;
}
