import { fileURLToPath } from 'node:url';
import { beforeAll, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { describeEachCliStore, runCliInProcess } from '../helpers/cli-in-process.js';
import { suggestedCommand } from '../helpers/suggested-command.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/store/${name}`, import.meta.url));

// The commands run in this process, with main.ts's exit codes and error printing; the refusal to
// unmerge a customer also runs the real binary, for what main.ts prints.
describeEachCliStore('clientele customers, for support work', (context) => {
  const cli = async (args: string[]) => {
    const result = await runCliInProcess(context.db, args);
    return { code: result.exitCode, stdout: result.stdout, stderr: result.stderr };
  };
  // a real process, once per command group (on the embedded store, as a person's first store is)
  const cliProcess = (args: string[]) => (context.kind === 'embedded' ? runCli(['--db', context.db, ...args]) : cli(args));
  const json = async (args: string[]) => JSON.parse((await cli(['--json', ...args])).stdout);

  beforeAll(async () => {
    expect((await cli(['import', 'customers', fixture('customers.csv')])).code).toBe(0);
    expect((await cli(['import', 'orders', fixture('orders.csv')])).code).toBe(0);
  }, 240_000);

  it('says the default order is by when Clientele added the customer, not "newest"', async () => {
    const help = (await cli(['customers', 'list', '--help'])).stdout;
    expect(help).toContain('most recently added to Clientele first');
    expect(help).not.toMatch(/newest/i);
  }, 240_000);

  it('names merge\'s arguments as customers, and answers a customer number given to unmerge with that customer\'s merges', async () => {
    const help = (await cli(['customers', 'merge', '--help'])).stdout;
    expect(help).toMatch(/merge \[options\] <keepCustomerId> <mergedCustomerId>/);
    const list = await json(['customers', 'list', '--status', 'real', '--sort', 'revenue']);
    const ana = list.items.find((item: { name: string }) => item.name === 'PT Maju Jaya');
    const budi = list.items.find((item: { name: string }) => item.name === 'Budi Santoso');
    const { mergeId } = await json(['customers', 'merge', String(ana.customer_id), String(budi.customer_id)]);
    expect(mergeId).not.toBe(ana.customer_id);

    const wrong = await cliProcess(['customers', 'unmerge', String(ana.customer_id)]);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain(`Merge #${ana.customer_id} does not exist.`);
    expect(wrong.stderr).toContain(`#${ana.customer_id} is a customer: their merges not undone are #${mergeId}. Undo one with: ${suggestedCommand(context.db, `customers unmerge ${mergeId}`)}`);

    const shownText = (await cli(['customers', 'show', String(ana.customer_id)])).stdout;
    expect(shownText).toMatch(/^consent\s+email (yes|no|unknown), SMS (yes|no|unknown), WhatsApp (yes|no|unknown), profiling (yes|no|unknown)$/m);
    expect(shownText).toContain(`merged with customer #${budi.customer_id} (merge #${mergeId})`);
    // --json keeps its fields: the text's additions are made from them
    const shown = await json(['customers', 'show', String(ana.customer_id)]);
    expect(Object.keys(shown)).toEqual(expect.arrayContaining(['customer', 'identities', 'traits', 'categories', 'prediction', 'types', 'rfm', 'timeline']));
    expect(shown.customer).toMatchObject({ consent_email: expect.toBeOneOf([true, false, null]), consent_sms: expect.toBeOneOf([true, false, null]) });
    expect(shown.timeline.find((entry: { kind: string }) => entry.kind === 'merge')).toMatchObject({ title: `merged with customer #${budi.customer_id}`, detail: { mergeId } });

    expect((await cli(['customers', 'unmerge', String(mergeId)])).code).toBe(0);
  }, 240_000);
  it('shows a customer found by an email or a phone number, as a support agent is told them', async () => {
    const byEmail = await json(['customers', 'show', 'ana@example.com']);
    expect(byEmail.customer).toMatchObject({ name: 'Ana Wijaya' });
    const byPhone = await json(['customers', 'show', '+62 812-3456-7890']);
    expect(byPhone.customer.customer_id).toBe(byEmail.customer.customer_id);
    const unknown = await cli(['customers', 'show', 'nobody@example.com']);
    expect({ code: unknown.code, stderr: unknown.stderr }).toEqual({ code: 1, stderr: expect.stringContaining('No customer has the email "nobody@example.com"') });
    const name = await cli(['customers', 'show', 'Ana']);
    expect(name.code).toBe(1);
    expect(name.stderr).toContain(suggestedCommand(context.db, 'customers list -q "Ana"'));
  }, 240_000);
});
