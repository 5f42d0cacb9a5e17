import { sql, type RawBuilder } from 'kysely';

/** A verified purchase: paid, or refunded only in part. Everything else is not a purchase. */
export const verifiedStatuses = ['paid', 'partially_refunded'] as const;

export const isVerified = (alias: string): RawBuilder<boolean> => sql<boolean>`${sql.ref(`${alias}.status`)} in ('paid', 'partially_refunded')`;

/** The store calendar day of an order, the unit of "purchase days" and of the models. */
export const purchaseDay = (alias: string, timeZone: string): RawBuilder<string> =>
  sql<string>`(${sql.ref(`${alias}.ordered_at`)} at time zone ${timeZone})::date`;

/** Net value of an order for revenue: what was paid and kept. */
export const netAmount = (alias: string): RawBuilder<number> =>
  sql<number>`(${sql.ref(`${alias}.amount_minor`)} - ${sql.ref(`${alias}.refunded_minor`)})`;

/** What was given back: the whole amount of a refunded order, else the refunded part. */
export const refundAmount = (alias: string): RawBuilder<number> =>
  sql<number>`case when ${sql.ref(`${alias}.status`)} = 'refunded' then ${sql.ref(`${alias}.amount_minor`)} else ${sql.ref(`${alias}.refunded_minor`)} end`;

export const channelColumns = ['store', 'web', 'mobile', 'marketplace', 'phone', 'other'] as const;
