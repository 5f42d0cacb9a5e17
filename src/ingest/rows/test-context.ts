import { knownCurrencyCodes } from '../../core/money.js';
import type { IngestContext } from '../canonical.js';

/** A store in Riga selling in euros, on 1 June 2026: shared by the ingest tests. */
export const testContext: IngestContext = {
  currency: 'EUR',
  defaultCountry: 'LV',
  timeZone: 'Europe/Riga',
  now: new Date('2026-06-01T00:00:00Z'),
  source: 'test',
  knownCurrencies: knownCurrencyCodes,
};
