import { sql, type Kysely } from 'kysely';
import { getCountries, getCountryCallingCode, isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { Database } from '../db/schema.js';
import { findCustomersByIdentities } from './customers.repo.js';
import { identityTripleKey, toIdentityTriple } from './identity-resolution.js';
import { normaliseIdentity, type IdentityInput } from './customers.service.js';
import { examplePhoneOf, normalisePhone, readPhoneNumber } from './identity.js';
import { couldBePhoneSearch, customerNumberOf, externalIdVariants, orderIdVariants, phoneVariants } from './search-text.js';
import { externalNamespacesWalk } from './external-namespaces.sql.js';

type Db = Kysely<Database>;

/**
 * Customers whose email, phone, external id, customer number or order's
 * external id is the search text, each followed to the customer it was merged
 * into: a caller still quotes the number on an old card or letter.
 */
export async function matchIdentities(db: Db, text: string, defaultCountry: string): Promise<number[]> {
  const candidates: IdentityInput[] = [{ kind: 'email', value: text }, ...phoneVariants(text).map((value) => ({ kind: 'phone' as const, value }))];
  const refs = candidates.flatMap((candidate) => {
    try {
      return [normaliseIdentity(candidate, defaultCountry)];
    } catch {
      return [];
    }
  });
  refs.push(...(await phoneReadingsInOtherCountries(db, text, defaultCountry)).map((value) => ({ kind: 'phone' as const, value })));
  const found = await findCustomersByIdentities(db, refs.map(toIdentityTriple));
  const external = await customersByExternalId(db, externalIdVariants(text.trim()));
  const byOrder = await customersByOrderId(db, orderIdVariants(text.trim()));
  const number = customerNumberOf(text);
  const isAddressFound = refs.some((ref) => ref.kind === 'email' && found.has(identityTripleKey(ref)));
  const byEmailStart = await customersByEmailStart(db, emailStartOf(text, isAddressFound));
  return survivorsOf(db, [...found.values(), ...external, ...byOrder, ...byEmailStart, ...(number === null ? [] : [Number(number)])]);
}

/**
 * The text read as a local number of each other country the store's phone numbers are in, as
 * normalisePhone stores it (normalised, E.164), without the store's own reading and each once:
 * a Latvian customer's 26123456 is stored as +37126123456, and an agent of an Indonesian store
 * types it as the card says. None for a number with its country code (+ or 00), which is read
 * one way only.
 */
export async function phoneReadingsInOtherCountries(db: Db, text: string, defaultCountry: string): Promise<string[]> {
  const trimmed = text.trim();
  if (!couldBePhoneSearch(trimmed) || /^(\+|00)/.test(trimmed)) return [];
  const own = normalisePhone(trimmed, defaultCountry).value;
  const countries = await phoneCountriesOfStore(db, defaultCountry);
  const readings = countries.map((country) => normalisePhone(trimmed, country).value).filter((value): value is string => value !== null && value !== own);
  return [...new Set(readings)];
}

/** The countries (ISO 3166-1 alpha-2) of each calling code, as libphonenumber knows them: +1 is the US, Canada and much of the Caribbean. */
const countriesByCallingCode = (() => {
  const byCode = new Map<string, CountryCode[]>();
  for (const country of getCountries()) byCode.set(getCountryCallingCode(country), [...(byCode.get(getCountryCallingCode(country)) ?? []), country]);
  return byCode;
})();

/** A stored number's calling code: calling codes are prefix-free (ITU-T E.164), so at most one of 1–3 digits is known. */
const callingCodeOf = (value: string) => [1, 2, 3].map((length) => value.slice(1, 1 + length)).find((code) => countriesByCallingCode.has(code)) ?? null;

/** More calling codes than there are: a guard against a walk that does not move on, not a limit a store reaches. */
const mostCallingCodes = 300;

/**
 * The countries other than the store's whose calling code one of the store's phone numbers has.
 * Read from the numbers rather than from customer.country, which no index leads with (a distinct
 * over it reads every customer a search); a number found in another country's reading has that
 * country's code anyway. A loose index scan over the identity key (kind, namespace, value): one
 * probe a calling code, each probe starting past the numbers of the code before.
 */
async function phoneCountriesOfStore(db: Db, defaultCountry: string): Promise<CountryCode[]> {
  const countries: CountryCode[] = [];
  let from = '+';
  for (let step = 0; step < mostCallingCodes; step++) {
    const result = await sql<{ value: string | null }>`
      select min(value) as value from customer_identity where kind = 'phone' and namespace = '' and value >= ${from}`.execute(db);
    const value = result.rows[0]?.value ?? null;
    if (value === null || !/^\+\d{2,}/.test(value)) break;
    const code = callingCodeOf(value) ?? value.slice(1, 4);
    countries.push(...(countriesByCallingCode.get(code) ?? []));
    const next = `+${String(Number(code) + 1).padStart(code.length, '0')}`;
    // past +9…, the next code would sort first again
    if (next <= value.slice(0, next.length)) break;
    from = next;
  }
  return countries.filter((country) => country !== defaultCountry.toUpperCase());
}

/** Shorter starts would find a good part of the store: "an" begins thousands of addresses. */
const shortestEmailStart = 3;
/** More than a list is read for: the start of an address is typed to find one person, not to browse. */
const mostEmailStartMatches = 200;

/**
 * The start of an email address the search text may be ("surya.hakim4242", "surya.hakim4242@hot"),
 * as addresses are stored (normaliseEmail: NFC, lower case); null when it is no such start: an
 * address someone has (found exactly: "ana@example.com" does not also list ana@example.com.au),
 * a customer number or phone, words with spaces between, or fewer than 3 characters.
 */
export function emailStartOf(text: string, isAddressFound: boolean): string | null {
  const start = text.trim().normalize('NFC').toLowerCase();
  if (isAddressFound || [...start].length < shortestEmailStart || /\s/.test(start)) return null;
  if (customerNumberOf(start) !== null || couldBePhoneSearch(start)) return null;
  return start;
}

/** The first text after every text that starts with `start`, in code point order. */
function pastEveryStartOf(start: string): string {
  const characters = [...start];
  const last = characters.pop()!.codePointAt(0)!;
  return characters.join('') + String.fromCodePoint(Math.min(last + 1, 0x10FFFF));
}

/**
 * Customers with an email identity starting with `start`, through a range of the identity's primary
 * key (kind, namespace, value). A range is a start only where the database compares text by code
 * point (the "C" or "C.UTF-8" collation: PGlite's, and the server's when created so); under a
 * linguistic collation (en_US, ICU) it is not, LIKE cannot use the key either, and the part of an
 * address is not searched: that would take an index of its own (text_pattern_ops), written by
 * every import. No further test of the start: under code point order the range holds exactly the
 * addresses that start so, and one more condition made the planner read and sort every match.
 */
async function customersByEmailStart(db: Db, start: string | null): Promise<number[]> {
  if (start === null) return [];
  const result = await sql<{ customer_id: number }>`
    select customer_id from customer_identity
    where kind = 'email' and namespace = '' and value >= ${start} and value < ${pastEveryStartOf(start)}
      and exists (
        select 1 from pg_database where datname = current_database()
          and (datlocprovider = 'b' or (datlocprovider = 'c' and datcollate in ('C', 'POSIX', 'C.UTF-8', 'C.utf8')))
      )
    -- in the key's order, so a short start common to thousands stops after the first ones, not after reading them all
    order by value limit ${mostEmailStartMatches}`.execute(db);
  return result.rows.map((row) => Number(row.customer_id));
}

/**
 * What a search that found no one says when its text reads as a phone number no
 * reading of which is a number (as the lookup says it): a number without its
 * country code is read in the store's country, so a local number from another
 * country ("0812 3456 7890" in a US store) cannot be found until it carries its
 * code. Null when the text is no phone, or some reading of it is a number, or
 * it reads as a customer number: a customer or order number not found is no
 * phone written wrongly, and "no country code" would send the agent astray.
 */
export function phoneSearchHint(text: string, defaultCountry: string): SearchHint | null {
  if (!couldBePhoneSearch(text) || customerNumberOf(text) !== null) return null;
  const readings = phoneVariants(text).map((value) => readPhoneNumber(value, defaultCountry));
  if (readings.some((reading) => reading.value !== null)) return null;
  const trimmed = text.trim();
  const country = defaultCountry.toUpperCase();
  // a number of the store's country, as readPhoneNumber's reasons give: a Latvian store is not shown an Indonesian one
  const example = examplePhoneOf(country);
  if (/^(\+|00)/.test(trimmed)) {
    // read as readPhoneNumber read it, so the code says what its reason says
    const options = isSupportedCountry(country) ? { defaultCountry: country as CountryCode } : undefined;
    const isPossible = parsePhoneNumberFromString(trimmed.replace(/^00(?=[1-9])/, '+'), options)?.isPossible() ?? false;
    return { code: isPossible ? 'phone_not_valid' : 'phone_not_possible', text: trimmed, country, example, message: readings[0].reason ?? '' };
  }
  const message = `"${trimmed}" has no country code, so it was read as ${articleForLetters(country)} ${country} number (the store's country), and it is not one; `
    + `nor a number of the countries the stored numbers are from: write it with its country code${example === null ? '' : `, e.g. ${example}`}`;
  return { code: 'phone_without_country_code', text: trimmed, country, example, message };
}

/**
 * Why a search found no one, for a screen to say in its reader's language: `code` says which
 * sentence, `text` (the search as typed, trimmed), `country` (the store's, ISO 3166-1 alpha-2,
 * that a number without its code was read in) and `example` (a number of that country written with
 * its code; null for a country libphonenumber does not know) are what it names; `message` is the English one.
 */
export type SearchHint = { code: SearchHintCode; text: string; country: string; example: string | null; message: string };

/**
 * phone_without_country_code: no reading in the store's country is a number; phone_not_possible: a
 * number with its country code, but of a length no number there has; phone_not_valid: of a possible
 * length, but outside the numbering plan (a placeholder such as +1 000 000 0000).
 */
export const searchHintCodes = ['phone_without_country_code', 'phone_not_possible', 'phone_not_valid'] as const;
export type SearchHintCode = (typeof searchHintCodes)[number];

/** Letters read out one by one as "an" follows them: "an ID number", "an LV number", but "a US number". */
const articleForLetters = (letters: string) => (/^[AEFHILMNORSX]/.test(letters) ? 'an' : 'a');

/**
 * Customers with an external id in any system that folds (external_id_folded: letter case, spaces,
 * dashes, dots, slashes and underscores aside) as one of `values` does, so "lc 0068890246" finds
 * "LC-0068-890246". customer_identity_external_folded_idx leads with the namespace, so the few
 * namespaces are walked first (a loose index scan over the identity key) and each folded value
 * looked up in each, one probe of the whole index key; looking for the value alone read every
 * external id, 13–21 ms a search at 100k.
 */
async function customersByExternalId(db: Db, values: string[]): Promise<number[]> {
  const result = await sql<{ customer_id: number }>`
    with recursive ${externalNamespacesWalk}, folded as (
      -- a text of dashes alone folds to nothing, and is no id
      select distinct external_id_folded(v.value) as value from unnest(${values}::text[]) v(value) where external_id_folded(v.value) <> ''
    )
    select i.customer_id from namespaces n cross join folded v
    -- lateral with a limit: joined plainly, the planner scanned every external id for the value;
    -- one whole key a probe, each variant apart: as value = any(…), without statistics (an
    -- embedded store, a fresh import) the planner read every id of a system, 150–300 ms at 100k
    cross join lateral (
      select customer_id from customer_identity i
      where i.kind = 'external' and i.namespace = n.namespace and external_id_folded(i.value) = v.value limit 20
    ) i
    limit 20`.execute(db);
  return result.rows.map((row) => Number(row.customer_id));
}

/**
 * Customers with an order of one of these external ids, from any source: the
 * same loose index scan and probes, over customer_order_external_key
 * (source, external_id), which is unique: one order a probe at most.
 */
async function customersByOrderId(db: Db, values: string[]): Promise<number[]> {
  const result = await sql<{ customer_id: number }>`
    with recursive sources as (
      select min(source) as source from customer_order
      union all
      select (select min(o.source) from customer_order o where o.source > s.source) from sources s where s.source is not null
    )
    select o.customer_id from sources s cross join unnest(${values}::text[]) v(value)
    cross join lateral (select customer_id from customer_order o where o.source = s.source and o.external_id = v.value) o
    limit 20`.execute(db);
  return result.rows.map((row) => Number(row.customer_id));
}

/** How many merges a chain may hold before the search stops following it: a guard against a cycle, not a limit people reach. */
const longestMergeChain = 20;

/** Each customer, or the customer it was merged into at the end of its chain of merges; one primary-key probe a link. */
async function survivorsOf(db: Db, customerIds: number[]): Promise<number[]> {
  if (customerIds.length === 0) return [];
  const result = await sql<{ customer_id: number }>`
    with recursive chain as (
      select customer_id, merged_into_customer_id, 0 as links from customer where customer_id = any(${[...new Set(customerIds)]}::bigint[])
      union all
      select c.customer_id, c.merged_into_customer_id, chain.links + 1
      from chain join customer c on c.customer_id = chain.merged_into_customer_id
      where chain.links < ${longestMergeChain}
    )
    select distinct customer_id from chain where merged_into_customer_id is null`.execute(db);
  return result.rows.map((row) => Number(row.customer_id));
}
