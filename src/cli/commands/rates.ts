import type { Command } from 'commander';
import type { CliRuntime } from '../runtime.js';
import { table } from '../format.js';
import { withExamples } from '../examples.js';

export function registerRatesCommand(program: Command, runtime: CliRuntime): void {
  const rates = program.command('rates').description('exchange rates into the store currency, for orders in other currencies');
  withExamples(rates.command('list').description('exchange rates to the store currency'), [
    ['clientele rates list', 'each currency with its rate into the store currency'],
    ['clientele rates list --json'],
  ]).action(async () => {
    const { readCurrencyRates } = await import('../../settings/index.js');
    const result = await runtime.withStore(async ({ db }) => Object.fromEntries(await readCurrencyRates(db)));
    runtime.print(result, (r) => table(Object.entries(r).map(([currency, rate]) => ({ currency, rate }))));
  });
  withExamples(rates.command('set').description('set the rate of a currency (orders in it are converted at the rate in force when first stored)')
    .argument('<currency>', 'ISO 4217 code, e.g. EUR')
    .argument('<rate>', 'units of store currency per one unit of this currency'), [
    ['clientele rates set EUR 17500', '1 EUR = 17,500 in the store currency (IDR)'],
    ['clientele rates set IDR 0,0000575', 'in a store in euros: 1 IDR = 0.0000575 EUR (a decimal comma, read as the import reads amounts)'],
  ])
    .action(async (currency: string, rateText: string) => {
      const { changeCurrencyRate } = await import('../../settings/currency-rates.service.js');
      const { storeRateOf } = await import('./amount-options.js');
      // the same checks, write and audit entry as the API's (PUT /api/settings/rates/{currency})
      const result = await runtime.withStore(({ db, actor, runtime: { settings } }) => changeCurrencyRate(db, actor, currency, storeRateOf(rateText, settings.currency)));
      runtime.print(result, (r) => `1 ${r.currency} = ${r.rate} in the store currency.`);
    });
}
