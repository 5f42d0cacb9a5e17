import { z } from 'zod';
import { spellingInList } from '../core/closed-list.js';
import { countryCode } from '../ingest/rows/country.js';
// the lists from their own module, as the CLI reads this schema: the rest of segments is not needed here
import { closedLists } from '../segments/filter-values.js';
import { customerSorts } from './customers.queries.js';
import { recentSortMeaning } from './customer-sorts.js';
import { normaliseExternalNamespace } from './identity.js';
import { singleLineText } from './single-line-text.js';

// A blank text is no value, as a form sends an emptied field: kept as "", a blank email or
// phone became an identity that every later blank one collided with, and a blank name showed as none.
const blankAsNull = (text: string | null) => (text === '' ? null : text);
const nullableText = z.string().trim().max(200).nullable().transform(blankAsNull).optional();
// a field shown on one line, as an import keeps it (single-line-text.ts)
const lineText = z.string().trim().max(200).nullable().transform((text) => blankAsNull(text === null ? null : singleLineText(text))).optional();

/** The import's own reading of a country, a code (UK is GB) or a name ("Latvija"), stored as its code; one that names no country is refused, not stored. */
const countrySchema = z.string().trim().nullable().transform((text, context) => {
  if (text === null || text === '') return null;
  const code = countryCode(text);
  if (code !== null) return code;
  context.addIssue({ code: 'custom', message: `"${text}" is not a two-letter ISO 3166-1 country code such as ID or LV, or a country's name in English, Indonesian or Latvian` });
  return z.NEVER;
}).optional().describe('ISO 3166-1 alpha-2, e.g. ID or LV, or the country\'s name in English, Indonesian or Latvian (Latvija), stored as its code; empty or null clears it');

const identityKind = z.enum(['email', 'phone', 'external']);
const identityValue = z.string().trim().min(1).max(200);
const namespaceText = z.string().trim().min(1).max(64);

export const identityInputSchema = z.object({
  kind: identityKind,
  namespace: namespaceText.transform(normaliseExternalNamespace).optional()
    .describe('For external ids: the system they come from, e.g. loyalty_card; read in lower case with spaces and hyphens as _ ("Loyalty Card" and "LOYALTY-CARD" are loyalty_card)'),
  value: identityValue,
});

const customerFieldShape = {
  kind: z.enum(['person', 'organization']).optional(),
  name: lineText,
  email: nullableText,
  phone: nullableText,
  // the upper bound is the current year, which a schema cannot know: the service checks it by its clock (birth-year.ts)
  birthYear: z.number().int().min(1900).max(2100).nullable().optional().describe('Four digits, 1900 to the current year; a later year is refused (400 CUSTOMER_BIRTH_YEAR_INVALID); null clears it'),
  gender: lineText,
  city: lineText,
  region: lineText,
  country: countrySchema,
  incomeBand: lineText,
  consentEmail: z.boolean().nullable().optional(),
  consentSms: z.boolean().nullable().optional(),
  consentWhatsapp: z.boolean().nullable().optional(),
  consentProfiling: z.boolean().nullable().optional(),
};

/** The profile fields a write names, by their request (camelCase) names. */
const customerFieldNames = Object.keys(customerFieldShape) as Array<keyof typeof customerFieldShape>;

/**
 * The names a customer is read out with (customer-responses.schemas.ts) where they differ from the
 * request's: taken as aliases, so a client that read `birth_year` can send it back as it read it.
 */
const customerFieldAliases = {
  birth_year: 'birthYear', income_band: 'incomeBand', consent_email: 'consentEmail', consent_sms: 'consentSms', consent_whatsapp: 'consentWhatsapp',
  consent_profiling: 'consentProfiling',
} as const satisfies Record<string, keyof typeof customerFieldShape>;

type CustomerFieldAlias = keyof typeof customerFieldAliases;

const aliasOf = <Field extends keyof typeof customerFieldShape>(field: Field) =>
  customerFieldShape[field].describe(`Alias of \`${field}\`, the name a customer is read out with; send one of the two, not both`);

// the aliases are keys of the object itself, so a strict object still refuses every other key (with
// the suggestions of key-suggestions.ts) and an invalid value is reported under the key the caller sent
const customerBodyObject = z.object({
  ...customerFieldShape,
  birth_year: aliasOf('birthYear'),
  income_band: aliasOf('incomeBand'),
  consent_email: aliasOf('consentEmail'),
  consent_sms: aliasOf('consentSms'),
  consent_whatsapp: aliasOf('consentWhatsapp'),
  consent_profiling: aliasOf('consentProfiling'),
  identities: z.array(identityInputSchema).max(50).optional(),
}).strict();

type CustomerBody = z.output<typeof customerBodyObject>;

/**
 * The body with each alias read as its field. Both spellings of one field are refused rather than
 * one chosen: a client sending both most likely changed one and left the other as it read it.
 */
function readAliases(body: CustomerBody, context: z.RefinementCtx<CustomerBody>): Omit<CustomerBody, CustomerFieldAlias> {
  const fields: Record<string, unknown> = { ...body };
  let isAmbiguous = false;
  for (const [alias, field] of Object.entries(customerFieldAliases)) {
    if (body[alias as CustomerFieldAlias] === undefined) continue;
    if (body[field] !== undefined) {
      context.addIssue({ code: 'custom', path: [alias], message: `"${alias}" is an alias of "${field}": send one of the two, not both` });
      isAmbiguous = true;
    }
    fields[field] = body[alias as CustomerFieldAlias];
    delete fields[alias];
  }
  return isAmbiguous ? z.NEVER : fields as Omit<CustomerBody, CustomerFieldAlias>;
}

export const createCustomerSchema = customerBodyObject.transform(readAliases);

/**
 * A PATCH that names nothing to change is refused: answered like an edit, it would leave an empty
 * `customer.update` in the audit log. An empty identities list adds nothing either.
 */
export const updateCustomerSchema = customerBodyObject.transform(readAliases)
  .refine((patch) => Object.entries(patch).some(([field, value]) => value !== undefined && !(field === 'identities' && Array.isArray(value) && value.length === 0)), {
    error: `Give at least one field to change: ${[...customerFieldNames, 'identities'].join(', ')}`,
  });

export const customerIdParams = z.object({ customerId: z.coerce.number().int().positive() });

/**
 * A filter on a value from a closed list, in any letter case, read as the list spells it ("VIP" is
 * vip, "champions" is Champions), as segment filters read one; a value the list does not hold is
 * refused naming those it does, rather than finding no one. Blank is no filter.
 */
function closedListFilter<T extends string>({ noun, values: list }: { noun: string; values: readonly T[] }, description: string) {
  return z.string().trim().max(60).optional().transform((text, context): T | undefined => {
    if (!text) return undefined;
    const spelled = spellingInList(list, text);
    if (spelled !== null) return spelled;
    context.addIssue({ code: 'custom', message: `"${text}" is not ${noun}. Use one of: ${list.join(', ')}` });
    return z.NEVER;
  }).describe(`${description}; one of ${list.join(', ')}, in any letter case`);
}

export const listCustomersQuerySchema = z.object({
  // a blank filter is no filter, as an HTML form sends an empty search box
  q: z.string().trim().max(200).optional().describe('Words of a name (each word typed begins a word of the name, in any order, accents optional: "gunawan" finds Joko Gunawan, "janis berzins" finds Jānis Bērziņš), an exact email or phone, the start of an email address (3 characters or more: "surya.hakim4242" finds surya.hakim4242@hotmail.com; up to 200 addresses), an external id (letter case, spaces, dashes, dots, slashes and underscores aside on both sides: "lc1473" finds LC-1473), an order id (the order\'s customer), or a customer number (1042, #1042, No. 1042; a merged customer\'s number finds whom they were merged into)'),
  status: z.enum(['real', 'lead']).optional(),
  channel: closedListFilter(closedLists.orderChannel, 'customers with an order in this channel'),
  city: z.string().trim().max(100).optional(),
  minRevenueMinor: z.coerce.number().int().min(0).optional(),
  type: closedListFilter(closedLists.customerType, 'customer type from the last analysis'),
  rfmSegment: closedListFilter(closedLists.rfmSegment, 'RFM segment name from the last analysis'),
  sort: z.enum(customerSorts).default('recent')
    .describe(`recent: ${recentSortMeaning} (by customer number); revenue: highest revenue first; last_purchase: most recent purchase first; name: by name, the nameless last. A cursor walk follows each customer's value when its page is read: a customer whose revenue, last purchase or name changes during the walk (an order ingested, a merge, an edit) can move to a page already read and be missed, or be listed twice. For a complete sync page with sort=recent (the default): a customer's number never changes, so every customer who existed when the walk began and still exists is listed exactly once; customers added since sort first and are found by the next walk`),
  cursor: z.string().max(500).optional()
    .describe('nextCursor of the previous page, with the same sort and filters. Pages are read as the list is then, not as it was on the first page: with sort=revenue, last_purchase or name a customer whose value changes between pages may be skipped or repeated; for a complete sync page with sort=recent, whose order never changes'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** The list's filters, without its paging: what GET /customers/count counts. */
export const countCustomersQuerySchema = listCustomersQuerySchema.omit({ sort: true, cursor: true, limit: true });

export const lookupQuerySchema = identityInputSchema;

/**
 * In the query, as lookup takes it: the identity is named, not sent as a new resource. Its system as
 * stored, not read into one spelling: one stored before systems were ("LOYALTY_CARD") stays removable.
 */
export const removeIdentityQuerySchema = z.object({
  kind: identityKind,
  namespace: namespaceText.optional().describe('For external ids: the system as the customer\'s identities list it, e.g. loyalty_card'),
  value: identityValue,
});

/** Erasure keeps a suppression entry unless asked not to (the person may ask for that too): docs/privacy.md. */
export const deleteCustomerQuerySchema = z.object({
  suppression: z.enum(['true', 'false']).default('true').transform((value) => value === 'true')
    .describe('false: keep no suppression entry, so a feed still holding them may make them contactable again (the person asked for that too). Default true: their emails and phones are kept as keyed digests, and whoever brings them back has their consents refused'),
});

/** An email or phone whose suppression entry goes: read as an import reads it (a local phone in the store's country). */
export const erasureSuppressionRemovalSchema = z.object({
  kind: z.enum(['email', 'phone']),
  value: identityValue.describe('The email or phone as the person gives it; a local phone is read in the store\'s country'),
});

export const mergeBodySchema = z.object({ otherCustomerId: z.number().int().positive().describe('The customer merged into this one; it stops existing on its own') });

export const timelineQuerySchema = z.object({ cursor: z.string().max(500).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });
