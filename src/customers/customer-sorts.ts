import { sql, type RawBuilder } from 'kysely';
import { decodeCursor } from '../core/cursor.js';
import { AppError } from '../core/errors.js';

export const customerSorts = ['recent', 'revenue', 'last_purchase', 'name'] as const;
export type CustomerSort = (typeof customerSorts)[number];

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
};

const isNumber = (value: unknown) => typeof value === 'number' && Number.isFinite(value);
const isText = (value: unknown) => typeof value === 'string';
// Postgres' ISO output of a timestamptz, or -infinity for someone who never bought.
const isInstantText = (value: unknown) => typeof value === 'string' && (value === '-infinity' || /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/.test(value));

const lastPurchaseKey = sql`coalesce(t.last_purchase_at, '-infinity'::timestamptz)`;
const nameKey = sql`coalesce(lower(c.name), '')`;

export const sortSpecs: Record<CustomerSort, SortSpec> = {
  recent: { driver: 'customer', reads: 'c', key: sql`c.customer_id`, id: sql<number>`c.customer_id`, direction: 'desc', cursorValue: sql`c.customer_id`, isCursorValue: isNumber, compareTo: (value) => sql`${value}::bigint` },
  revenue: { driver: 'customer_trait', reads: 't', key: sql`t.revenue_minor`, id: sql<number>`t.customer_id`, direction: 'desc', cursorValue: sql`t.revenue_minor`, isCursorValue: isNumber, compareTo: (value) => sql`${value}::bigint` },
  // Never bought sorts last, as before; the text form keeps microseconds, which a JS Date would drop.
  last_purchase: { driver: 'customer_trait', reads: 't', key: lastPurchaseKey, id: sql<number>`t.customer_id`, direction: 'desc', cursorValue: sql`${lastPurchaseKey}::text`, isCursorValue: isInstantText, compareTo: (value) => sql`${value}::timestamptz` },
  name: { driver: 'customer', reads: 'c', key: nameKey, id: sql<number>`c.customer_id`, direction: 'asc', cursorValue: nameKey, isCursorValue: isText, compareTo: (value) => sql`${value}::text` },
};

/** Rows after the cursor in the sort's order, on the sort's driving table; `recent` compares the id alone so the primary key answers it. */
export function afterCursor(sortName: CustomerSort, cursor: string): RawBuilder<unknown> {
  const sort = sortSpecs[sortName];
  const { value, id, scope } = decodeCursor(cursor);
  if (scope !== sortName || !sort.isCursorValue(value)) throw new AppError('PAGINATION_CURSOR_INVALID', 'The cursor belongs to another sort order. Start again without a cursor.', { field: 'cursor' });
  const operator = sql.raw(sort.direction === 'desc' ? '<' : '>');
  if (sort === sortSpecs.recent) return sql`c.customer_id ${operator} ${id}::bigint`;
  return sql`(${sort.key}, ${sort.id}) ${operator} (${sort.compareTo(value as string | number)}, ${id}::bigint)`;
}
