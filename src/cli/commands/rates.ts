import type { Command } from 'commander';
import { sql } from 'kysely';
import { AppError } from '../../core/errors.js';
import { isKnownCurrency } from '../../core/money.js';
import { readCurrencyRates } from '../../settings/index.js';
import type { CliRuntime } from '../runtime.js';
import { table } from '../format.js';

export function registerRatesCommand(program: Command, runtime: CliRuntime): void {
  const rates = program.command('rates').description('exchange rates into the store currency, for orders in other currencies');
  rates.command('list').action(async () => {
    const result = await runtime.withStore(async ({ db }) => Object.fromEntries(await readCurrencyRates(db)));
    runtime.print(result, (r) => table(Object.entries(r).map(([currency, rate]) => ({ currency, rate }))));
  });
  rates.command('set')
    .argument('<currency>', 'ISO 4217 code, e.g. EUR')
    .argument('<rate>', 'units of store currency per one unit of this currency')
    .action(async (currency: string, rateText: string) => {
      const code = currency.toUpperCase();
      const rate = Number(rateText);
      if (!isKnownCurrency(code)) throw new AppError('CLI_ARGUMENT_INVALID', `"${currency}" is not a known ISO 4217 currency code.`);
      if (!(rate > 0)) throw new AppError('CLI_ARGUMENT_INVALID', `The rate must be a positive number, got "${rateText}".`);
      await runtime.withStore(({ db }) => sql`insert into currency_rate (currency, rate_to_store) values (${code}, ${rate})
        on conflict (currency) do update set rate_to_store = excluded.rate_to_store, updated_at = now()`.execute(db));
      runtime.print({ currency: code, rate }, () => `1 ${code} = ${rate} in the store currency.`);
    });
}
