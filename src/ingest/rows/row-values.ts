import { createHash } from 'node:crypto';
import { isKnownCurrency } from '../../core/money.js';
import { isMaskedPhone, normaliseEmail, normaliseExternalId, normaliseExternalIdentity, normalisePhone, examplePhoneOf } from '../../customers/identity.js';
import type { GuessedRef } from '../../customers/identity-resolution.js';
import { withInvisibleCharactersShown } from '../../customers/invisible-characters.js';
import type { CustomerRef, IngestContext } from '../canonical.js';
import { looksLikeEmail } from './contact-columns.js';
import { fail, type FieldValues } from './row-problem.js';
import { whyRequired } from './why-required.js';

// Codes a reader recognises, named after the store's own as further examples of the form.
const exampleCurrencies = ['EUR', 'USD', 'IDR'] as const;

/** The row's currency, defaulting to the store's; unknown codes stop the row. */
export function resolveCurrency(values: FieldValues, context: IngestContext): string {
  const raw = values.text('currency');
  if (raw === null) return context.currency;
  const code = raw.toUpperCase();
  if (!/^[A-Z]{3}$/.test(code) || !isKnownCurrency(code) || !context.knownCurrencies.has(code)) {
    // the store's currency first, then two others: a store in EUR must not read "EUR, EUR or USD"
    const [otherCurrency, anotherCurrency] = exampleCurrencies.filter((example) => example !== context.currency);
    fail('currency', 'CURRENCY_UNKNOWN', `currency "${raw}" is not a currency this store accepts; use an ISO 4217 code such as ${context.currency}, ${otherCurrency} or ${anotherCurrency}`, { value: raw, storeCurrency: context.currency, otherCurrency, anotherCurrency });
  }
  return code;
}

export function requireText(values: FieldValues, field: string, why: string): string {
  const value = values.text(field);
  if (value === null) fail(field, 'FIELD_REQUIRED', `${field} is empty; ${why}`, { field });
  return value;
}

export function requireExternalId(values: FieldValues, field: string, why: string): string {
  const value = normaliseExternalId(values.text(field));
  if (value === null) fail(field, 'FIELD_REQUIRED', `${field} is empty; ${why}`, { field });
  return value;
}

export function email(values: FieldValues, field: string): string | null {
  const raw = values.text(field);
  const result = normaliseEmail(raw);
  if (result.reason) fail(field, 'EMAIL_INVALID', `${field} ${result.reason}; fix it or leave it empty`, { field, value: withInvisibleCharactersShown(raw ?? '') });
  return result.value;
}

/**
 * The email a customer id is, when the row gives no email of its own: many shops export the
 * buyer's email as the customer id, and read only as an id it would make a customer apart from
 * the one the same email names elsewhere (a customers file, a web event). An email the row states
 * wins: an id that is one address and an email column that holds another add nothing. A guess, so
 * never a reason to refuse a row (see resolveFileRows); normalised as the email column is.
 */
export function emailOfCustomerId(id: string | null, statedEmail: string | null): GuessedRef | null {
  if (id === null || statedEmail !== null || !looksLikeEmail(id)) return null;
  const { value } = normaliseEmail(id);
  return value === null ? null : { kind: 'email', value, isGuessed: true };
}

/**
 * An id naming a customer in another system; one with an invisible character is refused. Its code
 * has no `allowed` list to name, so a reader of codes shows this English reason as it is.
 */
export function customerExternalId(field: string, raw: string | null): string | null {
  const result = normaliseExternalIdentity(raw);
  if (result.reason) fail(field, 'VALUE_NOT_ALLOWED', `${field} ${result.reason}; fix it in the source system's export or leave it empty`, { field, value: withInvisibleCharactersShown(raw ?? '') });
  return result.value;
}

/**
 * `defaultCountry` reads numbers written without a country code: the row's country when it has one,
 * else the store's. A number the marketplace masked is no phone (maskedPhone): null, as if empty.
 */
export function phone(values: FieldValues, field: string, context: IngestContext, defaultCountry = context.defaultCountry): string | null {
  const raw = values.text(field);
  if (raw !== null && isMaskedPhone(raw)) return null;
  const result = normalisePhone(raw, defaultCountry);
  if (result.reason) fail(field, 'PHONE_INVALID', `${field} ${result.reason}, or leave it empty`, { field, value: raw ?? '', country: defaultCountry, example: examplePhoneOf(defaultCountry) ?? '+…' });
  return result.value;
}

/**
 * The row's `field` as written when a marketplace masked it ("0812-3456-7***", Shopee's "******7890"):
 * it cannot tell two buyers apart, so it is never stored or matched. The row is read by its other
 * identities (phone() reads the mask as empty) and the row parser notes it (masked-phones.ts).
 */
export function maskedPhone(values: FieldValues, field: string): string | null {
  const raw = values.text(field);
  return raw !== null && isMaskedPhone(raw) ? raw : null;
}

type MaskedPhoneOf = 'order' | 'event' | 'customer';

const maskedPhoneAdvice: Record<MaskedPhoneOf, string> = {
  order: 'so the order has no customer to attribute it to; map the column with the buyer\'s username or email as customer_id (--map customer_id=Column), or leave the row out',
  event: 'so the event has no customer to attribute it to; map the column with the buyer\'s username or email as customer_id (--map customer_id=Column), or leave the row out',
  customer: 'so the customer has no identity to be recognised by; map the column with the customer\'s username as customer_id or their email as email (--map customer_id=Column), or leave the row out',
};

// A file with no column to map instead (Tokopedia's sales report: the buyer's name and phone alone)
const buyerNumberHidden = 'The marketplace hides the buyer\'s number in this export and the file has no other column naming the buyer '
  + '(a name cannot tell buyers apart), so these rows cannot be told apart: leave them out, or add a column with the buyer\'s id or email, '
  + 'from the marketplace\'s order details, to the file and map it (--map customer_id=Column or --map customer_email=Column)';
const hiddenNumberAdvice: Record<MaskedPhoneOf, string> = {
  order: `so the order has no customer to attribute it to. ${buyerNumberHidden}`,
  event: `so the event has no customer to attribute it to. ${buyerNumberHidden}`,
  customer: 'so the customer has no identity to be recognised by. The marketplace hides the customer\'s number in this export and the file has no other column naming them '
    + '(a name cannot tell people apart), so these rows cannot be told apart: leave them out, or add a column with the customer\'s id or email, '
    + 'from the marketplace\'s order details, to the file and map it (--map customer_id=Column or --map email=Column)',
};

// The fields besides a phone that name the one a row is of (customerRefs; build-customer.ts).
const identityFieldsOf: Record<MaskedPhoneOf, readonly string[]> = {
  order: ['customer_id', 'customer_email'], event: ['customer_id', 'customer_email'], customer: ['customer_id', 'email'],
};
const personOf: Record<MaskedPhoneOf, string> = { order: 'the buyer\'s', event: 'the buyer\'s', customer: 'the customer\'s' };
const withoutIdentity: Record<MaskedPhoneOf, string> = {
  order: 'leaves it without a customer', event: 'leaves it without a customer', customer: 'leaves the customer nothing to be recognised by',
};

/**
 * A row whose columns naming the customer are there but empty (Shopee's username): fill them in, not
 * map one. Named by their fields: a reason names the file's column of its own field only, as the web
 * import, which sends its rows under the fields' names, names it too (reject-columns.ts).
 */
function emptyIdentityAdvice(fields: readonly string[], whose: MaskedPhoneOf): string {
  const named = fields.join(' and ');
  const what = [...new Set(fields.map((name) => (name.endsWith('email') ? 'email' : 'username')))].join(' or ');
  return `this row's ${named} ${fields.length === 1 ? 'is' : 'are'} empty, so the masked phone ${withoutIdentity[whose]}: fill in ${personOf[whose]} ${what} or leave the row out`;
}

/**
 * Stops a row whose only identity is a masked phone (maskedPhone), saying the marketplace masked it and
 * what to map instead: "write it with its country code" would ask the seller for digits they were never shown.
 * A file with no column to map instead (FieldValues' hasOtherIdentityColumn) is told so, and what would
 * help: "map the column with the buyer's username" sent a Tokopedia seller looking for a column their
 * export does not have. A file that maps such a column, empty on this row, is told to fill it in: the
 * same advice sent a Shopee seller to map the username their preset maps. `otherIdentity` among the
 * params says it to a program (the web app): 'none', or 'empty' with the fields empty (`identity`).
 */
export function failIfOnlyMaskedPhone(values: FieldValues, field: string, whose: MaskedPhoneOf): void {
  const raw = maskedPhone(values, field);
  if (raw === null) return;
  const masked = `${field} "${raw}" is masked by the marketplace (some digits hidden), and a masked number cannot tell two buyers apart`;
  if (values.hasOtherIdentityColumn === false) {
    fail(field, 'PHONE_MASKED', `${masked}, ${hiddenNumberAdvice[whose]}`, { field, value: raw, otherIdentity: 'none' });
  }
  // a guest's id ("0") is not empty, but names no one: the mapping advice fits it
  const empty = identityFieldsOf[whose].filter((name) => values.has(name) && values.text(name) === null);
  if (empty.length > 0) {
    fail(field, 'PHONE_MASKED', `${masked}; ${emptyIdentityAdvice(empty, whose)}`, { field, value: raw, otherIdentity: 'empty', identity: empty.join(', ') });
  }
  fail(field, 'PHONE_MASKED', `${masked}, ${maskedPhoneAdvice[whose]}`, { field, value: raw });
}

// Every field that can name an order's or event's customer (customerRefs).
const customerFields = ['customer_id', 'customer_email', 'customer_phone'] as const;

/**
 * Stops an order or event row that names no customer, once a masked phone was ruled out
 * (failIfOnlyMaskedPhone). A file with one column naming its customers has that field named, as the
 * reject's own, so the row parser names the file's column: "Customer Email (customer_email) is
 * empty, and the row names no other customer…"; "the order has no customer_id…" named a field the
 * file never had.
 */
export function failNamingNoCustomer(values: FieldValues, whose: 'order' | 'event'): never {
  const given = customerFields.filter((name) => values.has(name));
  if (given.length === 1) fail(given[0], 'CUSTOMER_MISSING', whyRequired.customerFieldEmpty(given[0], whose), { field: given[0] });
  return fail('customer_id', 'CUSTOMER_MISSING', whose === 'order' ? whyRequired.orderCustomer : whyRequired.eventCustomer);
}

// Digits only, spreadsheets' `1985.0` included: Number() alone would also read "2e3" as 2000 and "0x7C1" as 1985.
const wholeNumber = /^[-+]?\d+(?:\.0*)?$/;

/** A whole number in [min, max]; spreadsheets' `1985.0` is accepted as 1985. */
export function integer(values: FieldValues, field: string, min: number, max: number): number | null {
  const value = wholeNumberOf(values, field, min, max);
  if (value !== null && (value < min || value > max)) notWholeNumberInRange(values, field, min, max);
  return value;
}

/**
 * A whole number, in range or not, for a field whose range has a reject of its own; one that
 * cannot be read as a whole number is refused naming [min, max], the range the field accepts.
 */
export function wholeNumberOf(values: FieldValues, field: string, min: number, max: number): number | null {
  const raw = values.text(field);
  if (raw === null) return null;
  const value = wholeNumber.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value)) notWholeNumberInRange(values, field, min, max);
  return value;
}

function notWholeNumberInRange(values: FieldValues, field: string, min: number, max: number): never {
  const raw = values.text(field) ?? '';
  fail(field, 'WHOLE_NUMBER_INVALID', `${field} "${raw}" is not a whole number between ${min} and ${max}`, { field, value: raw, min, max });
}

// Spelled out rather than built per row from the prefix.
const refFields = {
  customer_: { id: 'customer_id', email: 'customer_email', phone: 'customer_phone' },
  recipient_: { id: 'recipient_id', email: 'recipient_email', phone: 'recipient_phone' },
} as const;

/**
 * The identities an order or event names for its customer (prefix `customer_`) or recipient
 * (`recipient_`): an id in the source system first, since it is the most specific; an id that is
 * an email address names that email too when the row gives none (emailOfCustomerId).
 */
export function customerRefs(values: FieldValues, prefix: 'customer_' | 'recipient_', context: IngestContext): CustomerRef[] {
  const names = refFields[prefix];
  const refs: CustomerRef[] = [];
  const id = guestIdAsNone(customerExternalId(names.id, values.text(names.id)));
  if (id !== null) refs.push({ kind: 'external', namespace: context.source, value: id });
  const emailValue = email(values, names.email);
  if (emailValue !== null) refs.push({ kind: 'email', value: emailValue });
  const phoneValue = phone(values, names.phone, context);
  if (phoneValue !== null) refs.push({ kind: 'phone', value: phoneValue });
  // last: the first ref a known customer holds decides whose the order is, and a guess must not
  // outrank a phone the row states
  const guessedEmail = emailValue === null ? emailOfCustomerId(id, null) : null;
  if (guessedEmail !== null) refs.push(guessedEmail);
  return refs;
}

/**
 * A customer id that is all zeros names no one: WooCommerce writes customer_id 0 for every guest,
 * and read as an id, every guest of the shop was one customer holding all their orders. So it is
 * read as no id, and the row's email or phone says who the buyer is (docs/import.md).
 */
export function isGuestId(id: string | null): boolean {
  return id !== null && /^0+$/.test(id);
}

function guestIdAsNone(id: string | null): string | null {
  return isGuestId(id) ? null : id;
}

/** A stable id from content, so importing the same file twice yields the same ids. */
export function contentId(parts: ReadonlyArray<string | number | null>): string {
  return `h_${createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 24)}`;
}
