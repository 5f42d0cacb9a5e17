import { z } from 'zod';
import { spellingInList } from '../core/closed-list.js';
import { countryCode } from '../ingest/rows/country.js';
// the lists from their own module, as the CLI reads this schema: the rest of segments is not needed here
import { closedLists } from '../segments/filter-values.js';
import { customerSorts } from './customers.queries.js';
import { recentSortMeaning } from './customer-sorts.js';

// A blank text is no value, as a form sends an emptied field: kept as "", a blank email or
// phone became an identity that every later blank one collided with, and a blank name showed as none.
const blankAsNull = (text: string | null) => (text === '' ? null : text);
const nullableText = z.string().trim().max(200).nullable().transform(blankAsNull).optional();

/** The import's own reading of a country, a code (UK is GB) or a name ("Latvija"), stored as its code; one that names no country is refused, not stored. */
const countrySchema = z.string().trim().nullable().transform((text, context) => {
  if (text === null || text === '') return null;
  const code = countryCode(text);
  if (code !== null) return code;
  context.addIssue({ code: 'custom', message: `"${text}" is not a two-letter ISO 3166-1 country code such as ID or LV, or a country's name in English, Indonesian or Latvian` });
  return z.NEVER;
}).optional().describe('ISO 3166-1 alpha-2, e.g. ID or LV, or the country\'s name in English, Indonesian or Latvian (Latvija), stored as its code; empty or null clears it');

export const identityInputSchema = z.object({
  kind: z.enum(['email', 'phone', 'external']),
  namespace: z.string().trim().min(1).max(64).optional().describe('For external ids: the system they come from, e.g. loyalty_card'),
  value: z.string().trim().min(1).max(200),
});

export const customerFieldsSchema = z.object({
  kind: z.enum(['person', 'organization']).optional(),
  name: nullableText,
  email: nullableText,
  phone: nullableText,
  // the upper bound is the current year, which a schema cannot know: the routes check it by the request's clock (birth-year.ts)
  birthYear: z.number().int().min(1900).max(2100).nullable().optional().describe('Four digits, 1900 to the current year; a later year is refused (400 CUSTOMER_BIRTH_YEAR_INVALID); null clears it'),
  gender: nullableText,
  city: nullableText,
  region: nullableText,
  country: countrySchema,
  incomeBand: nullableText,
  consentEmail: z.boolean().nullable().optional(),
  consentSms: z.boolean().nullable().optional(),
  consentProfiling: z.boolean().nullable().optional(),
}).strict();

export const createCustomerSchema = customerFieldsSchema.extend({ identities: z.array(identityInputSchema).max(50).optional() }).strict();

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
  q: z.string().trim().max(200).optional().describe('Words of a name (each word typed begins a word of the name, in any order, accents optional: "gunawan" finds Joko Gunawan, "janis berzins" finds Jānis Bērziņš), an exact email or phone, an external id (letter case, spaces and dashes aside: "lc-1473" finds LC1473), an order id (the order\'s customer), or a customer number (1042, #1042, No. 1042; a merged customer\'s number finds whom they were merged into)'),
  status: z.enum(['real', 'lead']).optional(),
  channel: closedListFilter(closedLists.orderChannel, 'customers with an order in this channel'),
  city: z.string().trim().max(100).optional(),
  minRevenueMinor: z.coerce.number().int().min(0).optional(),
  type: closedListFilter(closedLists.customerType, 'customer type from the last analysis'),
  rfmSegment: closedListFilter(closedLists.rfmSegment, 'RFM segment name from the last analysis'),
  sort: z.enum(customerSorts).default('recent')
    .describe(`recent: ${recentSortMeaning} (by customer number); revenue: highest revenue first; last_purchase: most recent purchase first; name: by name, the nameless last`),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** The list's filters, without its paging: what GET /customers/count counts. */
export const countCustomersQuerySchema = listCustomersQuerySchema.omit({ sort: true, cursor: true, limit: true });

export const lookupQuerySchema = identityInputSchema;

/** In the query, as lookup takes it: the identity is named, not sent as a new resource. */
export const removeIdentityQuerySchema = identityInputSchema;

export const mergeBodySchema = z.object({ otherCustomerId: z.number().int().positive().describe('The customer merged into this one; it stops existing on its own') });

export const timelineQuerySchema = z.object({ cursor: z.string().max(500).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });
