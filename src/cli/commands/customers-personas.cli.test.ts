import { expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';
import { suggestedCommand } from '../../../test/helpers/suggested-command.js';
import { plantPopulation } from '../../../test/fixtures/segments/planted-population.js';
import { fixedClock } from '../../core/clock.js';
import { ingestRecords } from '../../ingest/ingest-batch.service.js';

// One store through the suite, in the order a store lives: customers typed in, then orders
// without prices (as the Groceries data set has), then buyers to find personas among.
describeEachCliStore('clientele customers and personas, as a person reads them', (context) => {
  const run = async (...args: string[]) => {
    const result = await runCliInProcess(context.db, args);
    if (result.error) throw result.error;
    return result.stdout;
  };
  const json = async (...args: string[]) => JSON.parse(await run('--json', ...args));

  it('reads a phone number without a country code in the customer\'s --country, and on update in the stored one', async () => {
    const created = await json('customers', 'create', '--name', 'Ilze', '--country', 'LV', '--phone', '26123456');
    expect(created.customer).toMatchObject({ country: 'LV', phone: '+37126123456' });
    expect(created.identities.map((identity: { value: string }) => identity.value)).toEqual(['+37126123456']);
    const customerId = String(created.customer.customer_id);
    expect(await run('customers', 'update', customerId, '--phone', '26 111 222')).toContain('+37126111222');
    // a customer without a country of their own: the store's (Indonesia)
    expect((await json('customers', 'create', '--name', 'Budi', '--phone', '0812 3456 7890')).customer.phone).toBe('+6281234567890');
  }, 120_000);

  it('lists no personas before the first discovery as an empty state that says what to do, and succeeds', async () => {
    const text = await runCliInProcess(context.db, ['personas', 'list']);
    expect({ exitCode: text.exitCode, error: text.error }).toEqual({ exitCode: 0, error: null });
    const lead = `No personas have been discovered yet, and \`${suggestedCommand(context.db, 'personas discover')}\` cannot run yet. `;
    expect(text.stdout.slice(0, lead.length)).toBe(lead);
    expect(text.stdout).toMatch(/ cannot run yet\. Persona discovery needs at least 24 buyers who agreed to profiling; this store has no buyers yet: personas group buyers by what they buy and how, so they need orders\. Import the store's orders first/);
    // how consent is recorded is no help before anyone has bought
    expect(text.stdout).not.toContain('Consent is recorded by');
    const listed = await runCliInProcess(context.db, ['--json', 'personas', 'list']);
    expect(listed.exitCode).toBe(0);
    expect(JSON.parse(listed.stdout)).toMatchObject({ model: null, personas: [], reason: expect.stringContaining(suggestedCommand(context.db, 'personas discover')), discovery: { minimumBuyers: 24, buyers: 0 } });
  }, 120_000);

  it('says revenue is not recorded in a store whose orders carry no prices, in the list and the profile', async () => {
    await context.withStore((store) => ingestRecords(store.db, 'orders', [
      { order_id: 'G1', customer_id: 'G-1', ordered_at: '2026-03-01T10:00:00+07:00', amount: '0' },
      { order_id: 'G2', customer_id: 'G-1', ordered_at: '2026-03-09T10:00:00+07:00', amount: '0' },
      { order_id: 'G3', customer_id: 'G-2', ordered_at: '2026-03-05T10:00:00+07:00', amount: '0' },
    ], { actor: 'test', clock: fixedClock('2026-03-10T00:00:00Z') }));
    await run('analyze');
    const list = await run('customers', 'list', '--status', 'real', '--sort', 'revenue');
    expect(list).not.toMatch(/Rp|0[.,]00|IDR/);
    expect(list).toMatch(/not recorded/);
    expect(list).toContain('revenue not recorded: the orders in this store carry no prices (every amount is 0), so --sort revenue puts them in no order of spending');
    const listed = await json('customers', 'list', '--status', 'real');
    expect(listed.hasPrices).toBe(false);
    const buyer = listed.items.find((item: { order_count: number }) => item.order_count === 2);
    const profile = await run('customers', 'show', String(buyer.customer_id));
    expect(profile).toMatch(/\nrevenue +not recorded\n/);
    expect(profile).toMatch(/; M not scored: the orders carry no prices\)/);
    expect(profile).not.toMatch(/Rp|M1\b/);
    expect((await json('customers', 'show', String(buyer.customer_id))).hasPrices).toBe(false);
  }, 180_000);

  it('says how many buyers discovery left out for lack of consent, shows a persona\'s revenue as money and a customer\'s persona', async () => {
    await context.withStore(async (store) => {
      await plantPopulation(store.db, { customers: 300, seed: 4, firstId: 1000, asOf: new Date(), consentProfiling: true });
      await plantPopulation(store.db, { customers: 40, seed: 5, firstId: 2000, asOf: new Date(), consentProfiling: null });
    });
    const discovery = await run('personas', 'discover', '--k', '4');
    expect(discovery).toMatch(/^4 personas \(silhouette [\d.]+\) from a sample of 300 of 300 buyers who agreed to profiling in [\d.]+ s; 42 more buyers were left out: they have not agreed to profiling \(consent_profiling no, or never asked\)$/m);
    const list = await json('personas', 'list');
    const persona = list.personas[0];
    const shown = await run('personas', 'show', String(persona.personaId));
    expect(shown).not.toContain('revenue_minor');
    // IDR has no minor units: the average revenue as the store's money, e.g. "Rp 1.234.567"
    expect(shown).toMatch(/\nrevenue +Rp[\s\u00a0]?[\d.]+\n/);
    const member = await context.withStore((store) => store.db.selectFrom('customer_persona').select('customer_id').where('persona_id', '=', persona.personaId).executeTakeFirstOrThrow());
    expect(await run('customers', 'show', String(member.customer_id))).toContain(`persona:\n${persona.name} (#${persona.personaId})`);
    // a buyer who never agreed to profiling is in none, and is told why
    expect(await run('customers', 'show', '2001')).toContain('persona:\n(none: the customer has not agreed to profiling)');
  }, 180_000);
});
