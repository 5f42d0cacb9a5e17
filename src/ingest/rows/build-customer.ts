import type { CanonicalCustomer, CustomerRef, IngestContext } from '../canonical.js';
import { normaliseExternalNamespace, phoneCountryOf } from '../../customers/identity.js';
import { countryCode } from './country.js';
import { parseDateTime, type DateOptions } from './parse-date.js';
import { personName, profileText } from './person-name.js';
import { fail, type FieldValues } from './row-problem.js';
import { customerKindSynonyms, lookUp, parseBoolean } from './synonyms.js';
import { customerExternalId, email, emailOfCustomerId, failIfOnlyMaskedPhone, phone, wholeNumberOf } from './row-values.js';
import { whyRequired } from './why-required.js';

// Older than the oldest person alive is a typo or a placeholder such as 1900.
const maximumAge = 120;

/** The country as an ISO code: the store keeps two letters, and a name would fail the whole batch's insert. */
export function country(values: FieldValues): string | null {
  const raw = values.text('country');
  if (raw === null) return null;
  const code = countryCode(raw);
  if (code === null) {
    fail('country', 'COUNTRY_UNKNOWN', `country "${raw}" is not a country code or name we know; write the two-letter ISO 3166 code (ID, LV, US, DE…) or the country's name in English, Indonesian or Latvian, or leave it empty`, { value: raw });
  }
  return code;
}

export function birthYear(values: FieldValues, year: number): number | null {
  // 1900 is also the store's lower bound (customer_birth_year_check): reject here, per row, not per batch
  // (a data set as of 1998 would otherwise accept 1878)
  const earliest = Math.max(1900, year - maximumAge);
  const value = wholeNumberOf(values, 'birth_year', earliest, year);
  if (value !== null && (value < earliest || value > year)) {
    fail('birth_year', 'BIRTH_YEAR_OUT_OF_RANGE', `birth_year ${value} is outside the accepted years, ${earliest} to ${year} (born by this year, at most ${maximumAge} years old); `
      + 'correct it (all four digits, e.g. 1985) or leave it empty', { value, earliest, latest: year });
  }
  return value;
}

// Up to 15 significant digits, which a double always holds, and no leading zero: otherwise the
// number would not be what was written (postcode "01234" → 1234, a card number losing its last digits).
const exactNumber = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;

/** An attribute as a number when it is one exactly, so segments can compare it; else the text. */
function attributeValue(value: string): string | number {
  return exactNumber.test(value) && value.replace(/^-?0*|\./g, '').length <= 15 ? Number(value) : value;
}

export function buildCustomer(values: FieldValues, line: number, context: IngestContext, dates: DateOptions): CanonicalCustomer {
  const refs: CustomerRef[] = [];
  const id = customerExternalId('customer_id', values.text('customer_id'));
  if (id !== null) refs.push({ kind: 'external', namespace: context.source, value: id });
  for (const [namespace, value] of values.withPrefix('external_id.')) {
    const normalised = customerExternalId(`external_id.${namespace}`, value);
    if (normalised !== null) refs.push({ kind: 'external', namespace: normaliseExternalNamespace(namespace), value: normalised });
  }
  const emailValue = email(values, 'email');
  // an id read as an email is an identity, not one of the row's facts: when another profile holds
  // the address it is left off (resolveFileRows), so this profile must not claim it as its email
  const emailRef = emailValue === null ? emailOfCustomerId(id, null) : { kind: 'email' as const, value: emailValue };
  if (emailRef !== null) refs.push(emailRef);
  const countryValue = country(values);
  const phoneValue = phone(values, 'phone', context, phoneCountryOf(countryValue, context.defaultCountry));
  if (phoneValue !== null) refs.push({ kind: 'phone', value: phoneValue });
  if (refs.length === 0) {
    failIfOnlyMaskedPhone(values, 'phone', 'customer');
    fail('customer_id', 'CUSTOMER_IDENTITY_MISSING', whyRequired.customerIdentity);
  }
  const year = context.now.getUTCFullYear();
  const kind = values.text('kind');
  const createdAt = values.text('created_at');
  const attributes: Record<string, string | number> = {};
  for (const [name, value] of values.withPrefix('attribute.')) {
    attributes[name] = attributeValue(value);
  }
  const customer: CanonicalCustomer = {
    line,
    refs,
    kind: kind === null ? null : lookUp('kind', kind, customerKindSynonyms),
    name: personName(values, { name: 'name', first: 'first_name', last: 'last_name' }),
    email: emailValue,
    phone: phoneValue,
    birthYear: birthYear(values, year),
    gender: profileText(values, 'gender'),
    city: profileText(values, 'city'),
    region: profileText(values, 'region'),
    country: countryValue,
    incomeBand: profileText(values, 'income_band'),
    consentEmail: parseBoolean('consent_email', values.text('consent_email')),
    consentSms: parseBoolean('consent_sms', values.text('consent_sms')),
    consentWhatsapp: parseBoolean('consent_whatsapp', values.text('consent_whatsapp')),
    consentProfiling: parseBoolean('consent_profiling', values.text('consent_profiling')),
    createdAt: createdAt === null ? null : parseDateTime('created_at', createdAt, dates),
  };
  // Assigned rather than spread into the literal: spreading copies the whole row, slowly.
  if (Object.keys(attributes).length > 0) customer.attributes = attributes;
  return customer;
}
