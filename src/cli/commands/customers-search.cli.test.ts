import { expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';

// What a support agent types into `customers list` in a store whose phone country is the US.
describeEachCliStore('clientele customers list finds customers as an agent types them', (context) => {
  const run = (...args: string[]) => runCliInProcess(context.db, args, { CLIENTELE_DEFAULT_COUNTRY: 'US' });
  const json = async (...args: string[]) => {
    const result = await run('--json', ...args);
    if (result.error) throw result.error;
    return JSON.parse(result.stdout);
  };
  const names = async (...args: string[]) => (await json('customers', 'list', ...args)).items.map((item: { name: string }) => item.name);

  it('finds O\'Brien with or without the apostrophe, and Mary-Jane as "mary jane"', async () => {
    for (const name of ["John O'Brien", 'Jon OBrien', 'Mary-Jane Watson', 'Siti Rahma', 'Ēriks Ozols', 'Eriks Berzs']) await json('customers', 'create', '--name', name);
    await json('customers', 'create', '--name', 'Siti Aminah', '--country', 'ID', '--phone', '+62 812 3456 7890');
    for (const q of ['obrien', "o'brien", 'o’brien']) expect({ q, found: (await names('-q', q, '--sort', 'name')) }).toEqual({ q, found: ["John O'Brien", 'Jon OBrien'] });
    expect(await names('-q', 'mary jane')).toEqual(['Mary-Jane Watson']);
  }, 120_000);

  it('sorts by name with accents folded, page by page', async () => {
    const order = ['Eriks Berzs', 'Ēriks Ozols', "John O'Brien", 'Jon OBrien', 'Mary-Jane Watson', 'Siti Aminah', 'Siti Rahma'];
    expect(await names('--sort', 'name')).toEqual(order);
    const paged: string[] = [];
    let cursor: string[] = [];
    do {
      const page = await json('customers', 'list', '--sort', 'name', '--limit', '2', ...cursor);
      paged.push(...page.items.map((item: { name: string }) => item.name));
      cursor = page.nextCursor ? ['--cursor', page.nextCursor] : [];
    } while (cursor.length > 0);
    expect(paged).toEqual(order);
  }, 120_000);

  it('finds an Indonesian number typed without its +, or as written in Indonesia, and says how to write a local one it cannot place', async () => {
    expect(await names('-q', '6281234567890')).toEqual(['Siti Aminah']);
    expect(await names('-q', '+62 812 3456 7890')).toEqual(['Siti Aminah']);
    // not a US number, but an Indonesian one, and the store holds Indonesian numbers
    expect(await names('-q', '0812 3456 7890')).toEqual(['Siti Aminah']);
    // a local number of a country no stored number is from
    const local = await run('customers', 'list', '-q', '020 7946 0018');
    expect(local.exitCode).toBe(0);
    expect(local.stdout).toContain('0 shown of 0 customers\n"020 7946 0018" has no country code, so it was read as a US number (the store\'s country), and it is not one; '
      + 'nor a number of the countries the stored numbers are from: write it with its country code, e.g. +1 201 555 0123');
    expect((await json('customers', 'list', '-q', '020 7946 0018')).hint).toContain('write it with its country code');
  }, 120_000);
});
