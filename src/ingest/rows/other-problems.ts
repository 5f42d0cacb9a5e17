import type { ImportEntity, IngestContext } from '../canonical.js';
import type { RejectProblem } from '../reject-codes.js';
import { phoneCountryOf } from '../../customers/identity.js';
import { birthYear, country } from './build-customer.js';
import { isLineLevel, returnedQuantityOf } from './build-order.js';
import { isRefundTooLarge } from './order-status.js';
import { amountReading, parseMoney, parseQuantity } from './parse-amount.js';
import { parseDateTime, type DateOptions } from './parse-date.js';
import { fail, failNulCharacter, RowProblem, type FieldValues } from './row-problem.js';
import { channelSynonyms, customerKindSynonyms, eventKindSynonyms, lookUp, parseBoolean, statusSynonyms } from './synonyms.js';
import { customerExternalId, email, failIfOnlyMaskedPhone, failNamingNoCustomer, integer, maskedPhone, phone, requireExternalId, requireText, resolveCurrency } from './row-values.js';
import { whyRequired } from './why-required.js';

/*
 * A builder stops at a row's first problem (build-*.ts). A user fixing the file would then learn of
 * the row's next problem only on the next import, so once a row is rejected its other fields are
 * checked here, each on its own, with the parsers the builders use. The tables follow the
 * builders' fields; a field a builder reads only after another (a money field after the currency)
 * is read with that other field's value when it is valid, else with the store's.
 */

/** What a check may read: the row's values, the store, and the currency its money is in. */
type RowTerms = { values: FieldValues; context: IngestContext; dates: DateOptions; currency: string };

/** A check stops (fail) on its field's problem, as the builder does; `reads`: the fields it needs, default its own. */
type FieldCheck = { field: string; check: (row: RowTerms) => unknown; reads?: readonly string[] };

const requiredId = (field: string, why: string): FieldCheck => ({ field, check: ({ values }) => requireExternalId(values, field, why) });
const money = (field: string): FieldCheck => ({ field, check: ({ values, currency, context }) => ifFilled(values, field, (raw) => parseMoney(field, raw, currency, amountReading(context))) });
/** `why`: why the field is required (the builder's words); null for a field that may be empty. */
const time = (field: string, why: string | null): FieldCheck => ({
  field,
  check: ({ values, dates }) => {
    if (why !== null) parseDateTime(field, requireText(values, field, why), dates);
    else ifFilled(values, field, (raw) => parseDateTime(field, raw, dates));
  },
});
const boolean = (field: string): FieldCheck => ({ field, check: ({ values }) => parseBoolean(field, values.text(field)) });
const oneOf = (field: string, synonyms: Map<string, string>): FieldCheck => ({ field, check: ({ values }) => ifFilled(values, field, (raw) => lookUp(field, raw, synonyms)) });
const currency: FieldCheck = { field: 'currency', check: ({ values, context }) => resolveCurrency(values, context) };

function ifFilled(values: FieldValues, field: string, check: (raw: string) => unknown): void {
  const raw = values.text(field);
  if (raw !== null) check(raw);
}

/** A value a check compares with, or null when it cannot be read: its own problem is its own check's to report. */
function quietly<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}

/** The id, email and phone naming an order's or event's customer or recipient (row-values.ts, customerRefs). */
function refChecks(prefix: 'customer_' | 'recipient_'): FieldCheck[] {
  return [
    { field: `${prefix}id`, check: ({ values }) => customerExternalId(`${prefix}id`, values.text(`${prefix}id`)) },
    { field: `${prefix}email`, check: ({ values }) => email(values, `${prefix}email`) },
    { field: `${prefix}phone`, check: ({ values, context }) => phone(values, `${prefix}phone`, context) },
  ];
}

/** Whether none of `fields` names the customer: each is empty, or a phone the marketplace masked (maskedPhone). */
function namesNoOne(values: FieldValues, fields: readonly string[]): boolean {
  return fields.every((field) => values.text(field) === null || (/(?:^|_)phone$/.test(field) && maskedPhone(values, field) !== null));
}

/**
 * No customer at all, said as the builder says it (a masked phone alone as PHONE_MASKED); an id, email
 * or phone that is filled but wrong is its own field's problem.
 */
function customerNamed(whose: 'order' | 'event'): FieldCheck {
  const reads = ['customer_id', 'customer_email', 'customer_phone'];
  return {
    field: 'customer_id', reads,
    check: ({ values }) => {
      if (!namesNoOne(values, reads)) return;
      failIfOnlyMaskedPhone(values, 'customer_phone', whose);
      failNamingNoCustomer(values, whose);
    },
  };
}

/** An order line's fields (build-order.ts, buildLine), in an orders file read as lines or a lines file. */
const lineChecks: FieldCheck[] = [
  { field: 'line_no', check: ({ values }) => integer(values, 'line_no', 1, 1_000_000) },
  { field: 'quantity', check: ({ values }) => ifFilled(values, 'quantity', (raw) => parseQuantity('quantity', raw)) },
  { field: 'unit_price', check: ({ values, currency: code, context }) => parseMoney('unit_price', requireText(values, 'unit_price', whyRequired.lineUnitPrice), code, amountReading(context)) },
];

const orderChecks: FieldCheck[] = [
  requiredId('order_id', whyRequired.orderId),
  ...refChecks('customer_'),
  customerNamed('order'),
  time('ordered_at', whyRequired.orderedAt),
  currency,
  {
    field: 'amount',
    check: ({ values, currency: code, context }) => {
      const amount = values.text('amount');
      if (amount === null && !isLineLevel(values)) fail('amount', 'FIELD_REQUIRED', whyRequired.orderAmount, { field: 'amount' });
      if (amount !== null) parseMoney('amount', amount, code, amountReading(context));
    },
  },
  {
    field: 'refunded_amount',
    check: ({ values, currency: code, context }) => {
      const refunded = values.text('refunded_amount');
      if (refunded === null) return;
      const reading = amountReading(context);
      const refundedMinor = parseMoney('refunded_amount', refunded, code, reading);
      const amount = values.text('amount');
      const totalMinor = amount === null ? null : quietly(() => parseMoney('amount', amount, code, reading));
      if (totalMinor !== null && isRefundTooLarge(totalMinor, refundedMinor)) {
        fail('refunded_amount', 'REFUND_EXCEEDS_TOTAL', `refunded_amount "${refunded}" is more than the order amount "${amount}"; check both columns`, { refunded, total: amount! });
      }
    },
  },
  oneOf('status', statusSynonyms),
  money('discount_amount'),
  oneOf('channel', channelSynonyms),
  ...refChecks('recipient_'),
  ...lineChecks,
  {
    // read only on a row that says refunded, as the builder reads it (build-order.ts, withReturnedQuantity)
    field: 'returned_quantity',
    check: ({ values }) => {
      const status = values.text('status');
      if (status === null || quietly(() => lookUp('status', status, statusSynonyms)) !== 'refunded') return;
      const quantity = values.text('quantity');
      returnedQuantityOf(values, quantity === null ? 1 : quietly(() => parseQuantity('quantity', quantity)) ?? Number.POSITIVE_INFINITY);
    },
  },
];

const lineFileChecks: FieldCheck[] = [requiredId('order_id', whyRequired.lineOrderId), currency, ...lineChecks];

const productChecks: FieldCheck[] = [requiredId('sku', whyRequired.productSku), money('unit_price'), currency];

const eventChecks: FieldCheck[] = [
  ...refChecks('customer_'),
  customerNamed('event'),
  { field: 'kind', check: ({ values }) => lookUp('kind', requireText(values, 'kind', whyRequired.eventKind), eventKindSynonyms) },
  time('occurred_at', whyRequired.eventOccurredAt),
];

const customerIdentityFields = ['customer_id', 'email', 'phone'];

const customerChecks: FieldCheck[] = [
  { field: 'customer_id', check: ({ values }) => customerExternalId('customer_id', values.text('customer_id')) },
  { field: 'email', check: ({ values }) => email(values, 'email') },
  { field: 'country', check: ({ values }) => country(values) },
  { field: 'phone', check: ({ values, context }) => phone(values, 'phone', context, phoneCountryOf(quietly(() => country(values)), context.defaultCountry)) },
  {
    field: 'customer_id', reads: customerIdentityFields,
    check: ({ values }) => {
      if (namesNoOne(values, customerIdentityFields) && values.withPrefix('external_id.').length === 0) {
        failIfOnlyMaskedPhone(values, 'phone', 'customer');
        fail('customer_id', 'CUSTOMER_IDENTITY_MISSING', whyRequired.customerIdentity);
      }
    },
  },
  oneOf('kind', customerKindSynonyms),
  { field: 'birth_year', check: ({ values, context }) => birthYear(values, context.now.getUTCFullYear()) },
  boolean('consent_email'),
  boolean('consent_sms'),
  boolean('consent_whatsapp'),
  boolean('consent_profiling'),
  time('created_at', null),
];

const checksOf: Record<ImportEntity, readonly FieldCheck[]> = {
  customers: customerChecks, orders: orderChecks, lines: lineFileChecks, products: productChecks, events: eventChecks,
};

/** Dynamic fields checked value by value: a customer's ids in other systems (`external_id.<system>`). */
function prefixedChecks(entity: ImportEntity, values: FieldValues): FieldCheck[] {
  if (entity !== 'customers') return [];
  return values.withPrefix('external_id.').map(([name, value]) => {
    const field = `external_id.${name}`;
    return { field, check: () => customerExternalId(field, value) };
  });
}

export type OtherProblemsInput = {
  values: FieldValues;
  context: IngestContext;
  dates: DateOptions;
  /** The field of the problem that rejected the row: not checked again. */
  failedField: string | null;
  /** Fields holding a NUL character (U+0000): each is a problem of its own, and no parser reads it. */
  nulFields?: readonly string[];
};

/**
 * The problems of a rejected row besides the one that rejected it, at most one per field, in the
 * order its builder reads them; fields the file lacks are not checked. Never throws: a bug in a
 * check loses that check, never the row's reject.
 */
export function otherProblems(entity: ImportEntity, input: OtherProblemsInput): RejectProblem[] {
  try {
    return collectProblems(entity, input);
  } catch {
    return [];
  }
}

function collectProblems(entity: ImportEntity, { values, context, dates, failedField, nulFields = [] }: OtherProblemsInput): RejectProblem[] {
  const problems: RejectProblem[] = [];
  const seen = new Set<string | null>([failedField]);
  const note = (check: () => unknown): void => {
    try {
      check();
    } catch (error) {
      // another kind of error is a bug in a check, not a problem of the row
      if (!(error instanceof RowProblem) || seen.has(error.field)) return;
      seen.add(error.field);
      problems.push({ field: error.field, code: error.code, params: error.params, reason: error.message });
    }
  };
  for (const field of nulFields) note(() => failNulCharacter(field));
  const statedCurrency = quietly(() => resolveCurrency(values, context));
  const terms: RowTerms = { values, context, dates, currency: statedCurrency ?? context.currency };
  for (const { field, check, reads = [field] } of [...checksOf[entity], ...prefixedChecks(entity, values)]) {
    if (seen.has(field) || !reads.some((read) => values.has(read))) continue;
    note(() => check(terms));
  }
  // a currency that cannot be read leaves unknown how many decimals or which symbol an amount may have:
  // read in the store's currency, "12.50" meant in dollars is no problem of the row
  return statedCurrency === null ? problems.filter((problem) => !currencyBoundCodes.has(problem.code)) : problems;
}

/** Money problems that depend on the currency the amount is in. */
const currencyBoundCodes = new Set<string>(['AMOUNT_TOO_PRECISE', 'AMOUNT_CURRENCY_MISMATCH', 'AMOUNT_AMBIGUOUS']);
