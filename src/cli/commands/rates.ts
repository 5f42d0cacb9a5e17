import type { Command } from 'commander';
import { AppError } from '../../core/errors.js';
import type { CliRuntime } from '../runtime.js';
import { table } from '../format.js';
import { withExamples } from '../examples.js';

export function registerRatesCommand(program: Command, runtime: CliRuntime): void {
  const rates = program.command('rates').description('exchange rates into the store currency, for orders in other currencies');
  rates.command('list').description('exchange rates to the store currency').action(async () => {
    const { readCurrencyRates } = await import('../../settings/index.js');
    const result = await runtime.withStore(async ({ db }) => Object.fromEntries(await readCurrencyRates(db)));
    runtime.print(result, (r) => table(Object.entries(r).map(([currency, rate]) => ({ currency, rate }))));
  });
  withExamples(rates.command('set').description('set the rate of a currency (orders in it are converted at the rate in force when first stored)')
    .argument('<currency>', 'ISO 4217 code, e.g. EUR')
    .argument('<rate>', 'units of store currency per one unit of this currency'), [
    ['clientele rates set EUR 17500', '1 EUR = 17,500 in the store currency (IDR)'],
  ])
    .action(async (currency: string, rateText: string) => {
      const rate = Number(rateText);
      if (!Number.isFinite(rate)) throw new AppError('CLI_ARGUMENT_INVALID', `The rate must be a number, got "${rateText}".`);
      const { changeCurrencyRate } = await import('../../settings/currency-rates.service.js');
      // the same checks, write and audit entry as the API's (PUT /api/settings/rates/{currency})
      const result = await runtime.withStore(({ db, actor }) => changeCurrencyRate(db, actor, currency, rate));
      runtime.print(result, (r) => `1 ${r.currency} = ${r.rate} in the store currency.`);
    });
}
