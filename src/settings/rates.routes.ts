import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../server/app.js';
import { actorOf } from '../server/access.js';
import { objectOf } from '../server/responses.js';
import { changeCurrencyRate, listCurrencyRates, rateBounds, type CurrencyRate } from './currency-rates.service.js';
import { getStoreSettings } from './index.js';

const tags = ['settings'];
const rateSchema = objectOf<CurrencyRate>()({
  currency: z.string().describe('ISO 4217, e.g. EUR'),
  rate: z.number().describe('Units of the store currency one unit of this currency is worth'),
});

/** Exchange rates into the store currency, as `clientele rates list|set`: orders in another currency are converted with them, or rejected without one. */
export async function registerRateRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = deps.store.db;

  api.get('/settings/rates', {
    config: { access: { permission: 'customers:read' } },
    schema: { tags, summary: 'Exchange rates into the store currency, by currency', response: { 200: z.object({ storeCurrency: z.string(), items: z.array(rateSchema) }) } },
  }, async () => ({ storeCurrency: (await getStoreSettings(db)).currency, items: await listCurrencyRates(db) }));

  api.put('/settings/rates/:currency', {
    config: { access: { permission: 'settings:write' } },
    schema: {
      tags,
      summary: 'Set the exchange rate of a currency into the store currency, for orders ingested from now on',
      description: `The rate is how many units of the store currency one unit of the currency is worth (e.g. 17500 for EUR in an IDR store), from ${rateBounds.min} to below ${rateBounds.below}, kept to 10 decimal places. An unknown currency is refused with SETTINGS_CURRENCY_UNKNOWN.`,
      params: z.object({ currency: z.string().regex(/^[A-Za-z]{3}$/, 'a three-letter ISO 4217 code such as EUR') }),
      body: z.strictObject({ rate: z.number().positive() }),
      response: { 200: rateSchema },
    },
  }, async (request) => {
    const { previousRate: _replaced, ...rate } = await changeCurrencyRate(db, actorOf(request.principal), request.params.currency, request.body.rate);
    return rate;
  });
}
