import { z } from 'zod';
import { isKnownCurrency } from '../core/money.js';
import { isIanaTimeZoneName, isPhoneCountry } from '../core/store-choices.js';
import { objectOf } from '../server/responses.js';
import type { StoreSettings } from './index.js';
import { setupSettings, type FixedReasonCode } from './fixed-settings.repo.js';

export const storeSettingsSchema = objectOf<StoreSettings>()({
  name: z.string().describe('Empty until the store is named: show a placeholder in the reader\'s language'),
  currency: z.string().describe('ISO 4217; every amount is in its minor units'),
  timeZone: z.string().describe('IANA time zone of the store calendar'),
  defaultCountry: z.string().describe('For phone numbers written without a country code'),
  isSynthetic: z.boolean().describe('The data is the synthetic demo store'),
  dataAsOf: z.string().nullable().describe('A static data set: the day its reports are as of'),
  demoDataset: z.string().nullable(),
});

const fixedReasonCodes = ['orders', 'import_running', 'product_prices', 'money_segments', 'recorded_times', 'phone_numbers'] as const satisfies readonly FixedReasonCode[];
const fixedReasonSchema = z.object({
  code: z.enum(fixedReasonCodes),
  message: z.string().describe('Why, in English, naming the value it fixes'),
  segments: z.array(z.string()).optional().describe('money_segments: the saved segments with amounts in the store currency'),
  file: z.string().nullable().optional().describe('import_running: the file being imported'),
}).nullable();

export const fixedSettingsSchema = z.object({
  currency: fixedReasonSchema, timeZone: fixedReasonSchema, defaultCountry: fixedReasonSchema,
}).describe(
  'For each of currency, time zone and phone country, why it can no longer change, or null while it can: orders (amounts and purchase days are stored in them), '
  + 'product_prices, money_segments (currency), recorded_times (interest events or sign-up times read in the zone), phone_numbers (country), import_running (all three, until it ends)',
);

const upper = (text: string) => text.trim().toUpperCase();

/** A change to the store's settings: the API's PATCH body and `clientele settings set`'s options, checked alike. */
export const storeSettingsChangeSchema = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  currency: z.string().transform(upper).refine(isKnownCurrency, { error: (issue) => `"${String(issue.input)}" is not a currency Clientele knows: use an ISO 4217 code such as EUR, IDR or USD` })
    .optional().describe('ISO 4217, one Clientele knows the minor units of (e.g. EUR, IDR, USD)'),
  timeZone: z.string().trim().refine(isIanaTimeZoneName, { error: (issue) => `"${String(issue.input)}" is not an IANA time zone: use a name such as Europe/Riga, Asia/Jakarta or UTC (not an offset)` })
    .optional().describe('IANA time zone name, e.g. Europe/Riga'),
  defaultCountry: z.string().transform(upper).refine(isPhoneCountry, { error: (issue) => `"${String(issue.input)}" is not a country whose phone numbers Clientele reads: use a two-letter ISO 3166 code such as ID, LV or US` })
    .optional().describe('ISO 3166-1 alpha-2 code, for phone numbers written without a country code'),
}).refine((change) => Object.values(change).some((value) => value !== undefined), { error: 'Give at least one of name, currency, timeZone, defaultCountry' });

export type StoreSettingsChange = z.output<typeof storeSettingsChangeSchema>;

export const changedSchema = z.object(Object.fromEntries(['name', ...setupSettings].map((key) => [key, z.object({ from: z.string(), to: z.string() }).optional()])))
  .describe('What changed, from and to; empty when every value given was already the store\'s');
