import type { CustomerKind, InterestKind, OrderChannel, OrderStatus } from '../db/schema.js';
import type { Category } from './catalogue.js';

/**
 * Rows as the CSV files hold them: times already formatted with the Jakarta
 * offset, amounts in IDR, identities as the source system would have written
 * them (not normalised — that is the importer's job).
 */
export type CustomerRow = {
  customerId: string;
  name: string;
  email: string | null;
  phone: string | null;
  birthYear: number | null;
  gender: string | null;
  city: string;
  region: string;
  country: string;
  incomeBand: string | null;
  kind: CustomerKind;
  consentEmail: boolean;
  consentSms: boolean;
  consentProfiling: boolean;
  createdAt: string;
  loyaltyCard: string | null;
  webAccount: string | null;
};

export type ProductRow = { sku: string; name: string; category: Category; unitPrice: number };

export type OrderRow = {
  orderId: string;
  customerId: string | null;
  customerEmail: string | null;
  customerPhone: string | null;
  orderedAt: string;
  amount: number;
  currency: string;
  channel: OrderChannel;
  status: OrderStatus;
  refundedAmount: number;
  discountAmount: number;
  promotionCode: string | null;
  recipientEmail: string | null;
  location: string | null;
};

export type LineRow = {
  orderId: string;
  lineNo: number;
  sku: string;
  productName: string;
  category: Category;
  quantity: number;
  unitPrice: number;
};

export type EventRow = {
  eventId: string;
  customerId: string | null;
  customerEmail: string | null;
  customerPhone: string | null;
  kind: InterestKind;
  channel: string;
  occurredAt: string;
  detail: string | null;
};

/** The planted ground truth for one customers.csv row. */
export type TruthRow = {
  customerId: string;
  persona: string;
  /** Purchases per day of average seasonal intensity (0 for leads). */
  rate: number;
  dropoutProbability: number;
  /** Local day of the last purchase when the buyer dropped out before the end, else null. */
  dropoutDay: string | null;
  isLead: boolean;
  /** For a duplicate record: the customer_id of the same person's main record. */
  sameAs: string | null;
};

/** Everything one person contributes, in file order. */
export type PersonRecords = {
  customers: CustomerRow[];
  orders: OrderRow[];
  lines: LineRow[];
  events: EventRow[];
  truth: TruthRow[];
};
