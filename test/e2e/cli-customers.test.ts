import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/store/${name}`, import.meta.url));
const workDir = mkdtempSync(join(tmpdir(), 'clientele-cli-customers-'));
const storeDir = join(workDir, 'store');
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const json = async (args: string[]) => JSON.parse((await runCli(['--db', storeDir, '--json', ...args])).stdout);

// Each case starts the real binary (several seconds each on a busy machine).
describe('clientele customers, for support work', { timeout: 240_000 }, () => {
  beforeAll(async () => {
    expect((await runCli(['--db', storeDir, 'import', 'customers', fixture('customers.csv')])).code).toBe(0);
    expect((await runCli(['--db', storeDir, 'import', 'orders', fixture('orders.csv')])).code).toBe(0);
  }, 240_000);

  it('says the default order is by when Clientele added the customer, not "newest"', async () => {
    const help = (await runCli(['customers', 'list', '--help'])).stdout;
    expect(help).toContain('most recently added to Clientele first');
    expect(help).not.toMatch(/newest/i);
  });

  it('names merge\'s arguments as customers, and answers a customer number given to unmerge with that customer\'s merges', async () => {
    const help = (await runCli(['customers', 'merge', '--help'])).stdout;
    expect(help).toMatch(/merge \[options\] <keepCustomerId> <mergedCustomerId>/);
    const list = await json(['customers', 'list', '--status', 'real', '--sort', 'revenue']);
    const ana = list.items.find((item: { name: string }) => item.name === 'PT Maju Jaya');
    const budi = list.items.find((item: { name: string }) => item.name === 'Budi Santoso');
    const { mergeId } = await json(['customers', 'merge', String(ana.customer_id), String(budi.customer_id)]);
    expect(mergeId).not.toBe(ana.customer_id);

    const wrong = await runCli(['--db', storeDir, 'customers', 'unmerge', String(ana.customer_id)]);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain(`Merge #${ana.customer_id} does not exist.`);
    expect(wrong.stderr).toContain(`#${ana.customer_id} is a customer: their merges not undone are #${mergeId}. Undo one with: clientele customers unmerge ${mergeId}`);

    const shownText = (await runCli(['--db', storeDir, 'customers', 'show', String(ana.customer_id)])).stdout;
    expect(shownText).toMatch(/^consent\s+email (yes|no|unknown), SMS (yes|no|unknown), profiling (yes|no|unknown)$/m);
    expect(shownText).toContain(`merged with customer #${budi.customer_id} (merge #${mergeId})`);
    // --json keeps its fields: the text's additions are made from them
    const shown = await json(['customers', 'show', String(ana.customer_id)]);
    expect(Object.keys(shown)).toEqual(expect.arrayContaining(['customer', 'identities', 'traits', 'categories', 'prediction', 'types', 'rfm', 'timeline']));
    expect(shown.customer).toMatchObject({ consent_email: expect.toBeOneOf([true, false, null]), consent_sms: expect.toBeOneOf([true, false, null]) });
    expect(shown.timeline.find((entry: { kind: string }) => entry.kind === 'merge')).toMatchObject({ title: `merged with customer #${budi.customer_id}`, detail: { mergeId } });

    expect((await runCli(['--db', storeDir, 'customers', 'unmerge', String(mergeId)])).code).toBe(0);
  });
});
