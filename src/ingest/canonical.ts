import type { CustomerKind, InterestKind, OrderChannel, OrderStatus } from '../db/schema.js';
import type { RejectCode, RejectParams, RejectProblem } from './reject-codes.js';

/**
 * The canonical rows every reader, mapping and preset produces and every
 * importer consumes. Values are validated and normalised: emails lower-cased,
 * phones in E.164, amounts in integer minor units, times as Date (UTC).
 */
export type ImportEntity = 'customers' | 'orders' | 'lines' | 'products' | 'events';

/** Every entity, in the order the web's Data choice offers them (and a tie between two is decided in). */
export const importEntities: readonly ImportEntity[] = ['customers', 'orders', 'lines', 'products', 'events'];

/** One way of naming a customer: an id in a source system, an email or a phone. */
export type CustomerRef =
  | { kind: 'external'; namespace: string; value: string }
  | { kind: 'email'; value: string }
  | { kind: 'phone'; value: string };

export type CanonicalCustomer = {
  line: number;
  /** Identities in priority order; the first one that resolves wins, the rest are attached. */
  refs: CustomerRef[];
  kind: CustomerKind | null;
  name: string | null;
  email: string | null;
  phone: string | null;
  birthYear: number | null;
  gender: string | null;
  city: string | null;
  region: string | null;
  country: string | null;
  incomeBand: string | null;
  consentEmail: boolean | null;
  consentSms: boolean | null;
  consentWhatsapp: boolean | null;
  consentProfiling: boolean | null;
  createdAt: Date | null;
  /** Facts the canonical fields do not cover (education, children at home…), from `attribute.<name>` columns. */
  attributes?: Record<string, string | number>;
};

export type CanonicalLine = {
  /** 1-based position within the order; null means "next free position". */
  lineNo: number | null;
  sku: string | null;
  productName: string | null;
  category: string | null;
  quantity: number;
  unitPriceMinor: number;
  /**
   * How many of the line's items a refund took back, when its row says refunded and gives it (at
   * most `quantity`): the refund is that many times the unit price, not the whole line
   * (settle-line-totals.ts). It only decides the order's refund and is not stored itself.
   */
  returnedQuantity?: number;
};

export type CanonicalOrder = {
  line: number;
  source: string;
  externalId: string;
  customer: CustomerRef[];
  /** The buyer's name as the order gives it, for a customer first known from this order. */
  customerName?: string | null;
  /**
   * Where the buyer lives as the order gives it (its address columns: city, region or province as
   * written, country as its ISO code), for a customer known only from orders; never the recipient's.
   */
  customerCity?: string | null;
  customerRegion?: string | null;
  customerCountry?: string | null;
  orderedAt: Date;
  /** ISO 4217; already defaulted to the store's currency when the file had none. */
  currency: string;
  /** Null when the total is the sum of the order's lines (line-level exports). */
  totalMinor: number | null;
  refundedMinor: number;
  discountMinor: number;
  promotionCode: string | null;
  channel: OrderChannel;
  status: OrderStatus;
  recipient: CustomerRef[] | null;
  location: string | null;
  /** Present for line-level exports (one row per line, order fields repeated). */
  orderLine: CanonicalLine | null;
};

/** How an order is known within an import: its id in its source system (the writer's unique key). */
export function orderKeyOf(source: string, externalId: string): string {
  return `${source}\u0000${externalId}`;
}

export type CanonicalOrderLine = CanonicalLine & {
  line: number;
  source: string;
  orderExternalId: string;
};

export type CanonicalProduct = {
  line: number;
  sku: string;
  name: string | null;
  category: string | null;
  unitPriceMinor: number | null;
  /** ISO 4217 of the unit price; already defaulted to the store's currency when the file had none. */
  currency: string;
};

export type CanonicalEvent = {
  line: number;
  source: string;
  /** Derived from the row's content when the file has no event id, so re-imports stay idempotent. */
  externalId: string;
  customer: CustomerRef[];
  kind: InterestKind;
  channel: string;
  occurredAt: Date;
  detail: string | null;
};

export type CanonicalRow = {
  customers: CanonicalCustomer;
  orders: CanonicalOrder;
  lines: CanonicalOrderLine;
  products: CanonicalProduct;
  events: CanonicalEvent;
};

/**
 * A problem of a row's field; `column`: the file's column it was read from, when that is named
 * otherwise than the field and is the file's own (the reason then names it too, rows/row-problem.ts,
 * withColumnNamed). Absent for a column named as its field and one a preset adds ("=currency").
 */
export type FieldProblem = RejectProblem & { column?: string };

/** A row that could not be imported: data, not an exception. */
/**
 * A row that was not stored. `code` and `params` say why for a program (the web app translates
 * them, see reject-codes.ts); `reason` says it in English, naming the value and the fix. `also`: a
 * row the row parser rejected names its other problems too (other-problems.ts); absent when none.
 * `column` as a FieldProblem's.
 */
export type Reject = {
  file: string; line: number; field: string | null; column?: string; code: RejectCode; params: RejectParams; reason: string; raw?: string; also?: FieldProblem[];
};

/** What validation needs to know about the store. */
export type IngestContext = {
  currency: string;
  defaultCountry: string;
  timeZone: string;
  /** Rows dated after this are rejected as "in the future". */
  now: Date;
  /** Namespace for external ids when the file or preset names none. */
  source: string;
  knownCurrencies: ReadonlySet<string>;
  /**
   * Records an API client sent as JSON (POST /api/ingest without `lines`), not a file's text: an amount
   * string whose one separator is followed by exactly three digits ("12.345") is refused as
   * AMOUNT_AMBIGUOUS rather than read as thousands, as a file's "Rp 45.000" is (parse-amount.ts).
   */
  refuseAmbiguousAmounts?: boolean;
};
