import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../test/helpers/cli-in-process.js';

const workDir = mkdtempSync(join(tmpdir(), 'clientele-no-buyers-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

// A store like the bundled customer-personality one: customers (who even agreed to profiling), but no orders.
describeEachCliStore('clientele personas on a store with customers but no buyers', (context) => {
  it('asks for orders, not for consent a store without buyers cannot use', async () => {
    const customers = join(workDir, `${context.kind}-customers.csv`);
    const rows = Array.from({ length: 30 }, (_, index) => `C${index},c${index}@example.com,yes`);
    writeFileSync(customers, ['customer_id,email,consent_profiling', ...rows].join('\n'));
    const imported = await runCliInProcess(context.db, ['import', 'customers', customers]);
    expect(imported.error).toBeNull();

    const refused = await runCliInProcess(context.db, ['personas', 'discover']);
    expect((refused.error as { code?: string }).code).toBe('PERSONA_TOO_FEW_CUSTOMERS');
    const message = (refused.error as Error).message;
    expect(message).toContain('this store has no buyers yet: personas group buyers by what they buy and how, so they need orders');
    expect(message).toContain('clientele import orders <file>');
    expect(message).not.toMatch(/more buyers? who agrees?|consent_profiling/);

    const listed = await runCliInProcess(context.db, ['personas', 'list']);
    expect(listed.stdout).toContain('this store has no buyers yet');
    // how consent is recorded is no help to a store without buyers
    expect(listed.stdout).not.toContain('Consent is recorded by');
  }, 180_000);
});
