import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';

// A shop owner in Riga and one in Jakarta type what they would write at home: a country's
// name, a city without its accents, an amount with thousands points, a rate with a decimal comma.
describeEachCliStore('clientele reads inputs written the local way', (context) => {
  const run = (...args: string[]) => runCliInProcess(context.db, args);
  const json = async (...args: string[]) => {
    const result = await run('--json', ...args);
    if (result.error) throw result.error;
    return JSON.parse(result.stdout);
  };

  it("stores a country given by its Latvian or Indonesian name as its code, and names the option when it knows none", async () => {
    expect((await json('customers', 'create', '--name', 'Ilze', '--country', 'Latvija', '--city', 'Rīga')).customer).toMatchObject({ country: 'LV', city: 'Rīga' });
    const budi = (await json('customers', 'create', '--name', 'Budi', '--country', 'Indonesia', '--city', 'Jakarta')).customer;
    expect(budi.country).toBe('ID');
    expect((await json('customers', 'update', String(budi.customer_id), '--country', 'Jerman')).customer.country).toBe('DE');
    const unknown = await run('customers', 'create', '--name', 'Greta', '--country', 'Lettland');
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr).toContain(`--country: "Lettland" is not a two-letter ISO 3166-1 country code such as ID or LV, or a country's name in English, Indonesian or Latvian.`);
  }, 120_000);

  it('finds a city written without its accents or in another case', async () => {
    await json('customers', 'create', '--name', 'Anna', '--city', 'Liepāja');
    expect((await json('customers', 'list', '--city', 'riga')).items.map((item: { name: string }) => item.name)).toEqual(['Ilze']);
    expect((await json('customers', 'list', '--city', 'LIEPAJA')).items.map((item: { name: string }) => item.name)).toEqual(['Anna']);
  }, 120_000);

  it('reads --min-spend as the import reads amounts in the store currency, and says what it understood', async () => {
    await context.withStore(async (store) => {
      await sql`update customer_trait t set revenue_minor = case c.name when 'Ilze' then 2000000 when 'Budi' then 1500000 else 1499999 end
        from customer c where c.customer_id = t.customer_id`.execute(store.db);
    });
    const names = async (amount: string) => (await json('customers', 'list', '--min-spend', amount)).items.map((item: { name: string }) => item.name).sort();
    expect(await names('1.500.000')).toEqual(['Budi', 'Ilze']);
    expect(await names('1,500,000')).toEqual(['Budi', 'Ilze']);
    expect(await names('Rp 1.500.000')).toEqual(['Budi', 'Ilze']);
    expect(await names('1500000')).toEqual(['Budi', 'Ilze']);
    // one point before three digits is a thousands point in rupiah, as in an imported file
    expect(await names('1.500')).toEqual(['Anna', 'Budi', 'Ilze']);
    const text = await run('customers', 'list', '--min-spend', '1.500.000');
    expect(text.stdout).toMatch(/^2 shown of 2 customers who spent at least IDR\s?1,500,000/m);
    const refused = await run('customers', 'list', '--min-spend', '1.50.0');
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('--min-spend "1.50.0" has misplaced thousands separators; write amounts like 1234 or 1.234, in the store currency (IDR): a point or comma before exactly three digits separates thousands, so 1.500 is 1500.');
    const foreign = await run('customers', 'list', '--min-spend', '€100');
    expect(foreign.exitCode).toBe(1);
    expect(foreign.stderr).toContain('but the store currency is IDR');
  }, 120_000);

  it('reads a rate with a decimal comma or thousands points, and says what it read when it refuses one', async () => {
    expect(await json('rates', 'set', 'VND', '0,6155')).toMatchObject({ currency: 'VND', rate: 0.6155 });
    expect(await json('rates', 'set', 'JPY', '0,0000575')).toMatchObject({ currency: 'JPY', rate: 0.0000575 });
    expect(await json('rates', 'set', 'EUR', '17.500,00')).toMatchObject({ currency: 'EUR', rate: 17500 });
    // one separator before three digits is a thousands point in an amount, but as often a rate's decimals
    const ambiguous = await run('rates', 'set', 'USD', '1.085');
    expect(ambiguous.exitCode).toBe(1);
    expect(ambiguous.stderr).toContain('The rate "1.085" could be 1085 or 1.085: write 1085 for the first or 1.0850 (or 1,0850) for the second');
    expect(await json('rates', 'set', 'USD', '1.0850')).toMatchObject({ currency: 'USD', rate: 1.085 });
    expect(await json('rates', 'set', 'USD', '15.875,50')).toMatchObject({ currency: 'USD', rate: 15875.5 });
    const zero = await run('rates', 'set', 'GBP', '0,000');
    expect(zero.exitCode).not.toBe(0);
    expect(zero.stderr).toContain('got 0.');
    const unreadable = await run('rates', 'set', 'GBP', '1,2,3');
    expect(unreadable.exitCode).toBe(1);
    expect(unreadable.stderr).toContain('The rate "1,2,3" has misplaced thousands separators. Write it in units of the store currency (IDR)');
  }, 120_000);
});
