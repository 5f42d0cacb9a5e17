import type { CustomerRow, EventRow, LineRow, OrderRow, ProductRow, TruthRow } from './rows.js';

/** The canonical headers the importer reads without a mapping. */
export const csvHeaders = {
  customers: 'customer_id,name,email,phone,birth_year,gender,city,region,country,income_band,kind,consent_email,consent_sms,consent_profiling,created_at,external_id.loyalty_card,external_id.web_account',
  products: 'sku,name,category,unit_price',
  orders: 'order_id,customer_id,customer_email,customer_phone,ordered_at,amount,currency,channel,status,refunded_amount,discount_amount,promotion_code,recipient_email,location',
  lines: 'order_id,line_no,sku,product_name,category,quantity,unit_price',
  events: 'event_id,customer_id,customer_email,customer_phone,kind,channel,occurred_at,detail',
  truth: 'customer_id,persona,rate,dropout_probability,dropout_day,is_lead,same_as',
} as const;

export type StoreFile = keyof typeof csvHeaders;

const needsQuoting = /[",\r\n]/;

/** RFC 4180 field: empty for null, quoted only when it must be. */
function field(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  return needsQuoting.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function formatCustomer(row: CustomerRow): string {
  return `${field(row.customerId)},${field(row.name)},${field(row.email)},${field(row.phone)},${field(row.birthYear)},${field(row.gender)},${field(row.city)},${field(row.region)},${row.country},${field(row.incomeBand)},${row.kind},${row.consentEmail},${row.consentSms},${row.consentProfiling},${row.createdAt},${field(row.loyaltyCard)},${field(row.webAccount)}\n`;
}

export function formatProduct(row: ProductRow): string {
  return `${field(row.sku)},${field(row.name)},${row.category},${row.unitPrice}\n`;
}

export function formatOrder(row: OrderRow): string {
  return `${row.orderId},${field(row.customerId)},${field(row.customerEmail)},${field(row.customerPhone)},${row.orderedAt},${row.amount},${row.currency},${row.channel},${row.status},${row.refundedAmount},${row.discountAmount},${field(row.promotionCode)},${field(row.recipientEmail)},${field(row.location)}\n`;
}

export function formatLine(row: LineRow): string {
  return `${row.orderId},${row.lineNo},${row.sku},${field(row.productName)},${row.category},${row.quantity},${row.unitPrice}\n`;
}

export function formatEvent(row: EventRow): string {
  return `${row.eventId},${field(row.customerId)},${field(row.customerEmail)},${field(row.customerPhone)},${row.kind},${field(row.channel)},${row.occurredAt},${field(row.detail)}\n`;
}

export function formatTruth(row: TruthRow): string {
  return `${row.customerId},${row.persona},${row.rate.toPrecision(6)},${row.dropoutProbability.toPrecision(6)},${field(row.dropoutDay)},${row.isLead},${field(row.sameAs)}\n`;
}
