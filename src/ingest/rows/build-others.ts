import type { CanonicalEvent, CanonicalOrderLine, CanonicalProduct, IngestContext } from '../canonical.js';
import { normaliseExternalId } from '../../customers/identity.js';
import { isGuessedRef } from '../../customers/identity-resolution.js';
import { buildLine } from './build-order.js';
import { amountReading, parseMoney } from './parse-amount.js';
import { parseDateTime, type DateOptions } from './parse-date.js';
import type { FieldValues } from './row-problem.js';
import { eventKindSynonyms, lookUp } from './synonyms.js';
import { contentId, customerRefs, failIfOnlyMaskedPhone, failNamingNoCustomer, requireExternalId, requireText, resolveCurrency } from './row-values.js';
import { whyRequired } from './why-required.js';

export function buildOrderLine(values: FieldValues, line: number, context: IngestContext): CanonicalOrderLine {
  const orderExternalId = requireExternalId(values, 'order_id', whyRequired.lineOrderId);
  return { line, source: context.source, orderExternalId, ...buildLine(values, resolveCurrency(values, context), context) };
}

export function buildProduct(values: FieldValues, line: number, context: IngestContext): CanonicalProduct {
  const sku = requireExternalId(values, 'sku', whyRequired.productSku);
  const price = values.text('unit_price');
  const currency = resolveCurrency(values, context);
  return {
    line,
    sku,
    name: values.text('name'),
    category: values.text('category'),
    unitPriceMinor: price === null ? null : parseMoney('unit_price', price, currency, amountReading(context)),
    currency,
  };
}

export function buildEvent(values: FieldValues, line: number, context: IngestContext, dates: DateOptions): CanonicalEvent {
  const customer = customerRefs(values, 'customer_', context);
  if (customer.length === 0) {
    failIfOnlyMaskedPhone(values, 'customer_phone', 'event');
    failNamingNoCustomer(values, 'event');
  }
  const kind = lookUp('kind', requireText(values, 'kind', whyRequired.eventKind), eventKindSynonyms);
  const occurredAt = parseDateTime('occurred_at', requireText(values, 'occurred_at', whyRequired.eventOccurredAt), dates);
  const channel = values.text('channel')?.toLowerCase() ?? 'other';
  const detail = values.text('detail');
  // Hash the normalised content, not the raw text, so "Sign Up" and "signup" exports agree; only
  // the refs the row states, so an event imported before emails were read from ids keeps its id.
  const stated = customer.filter((ref) => !isGuessedRef(ref));
  const externalId =
    normaliseExternalId(values.text('event_id')) ??
    contentId([stated.map((ref) => `${ref.kind}:${ref.value}`).join('|'), kind, channel, occurredAt.toISOString(), detail]);
  return { line, source: context.source, externalId, customer, kind, channel, occurredAt, detail };
}
