import { rmSync } from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../test/helpers/cli-in-process.js';
import { scratchFiles } from '../../test/helpers/import-files.js';

const files = scratchFiles('consent-override-record-cli');
afterAll(() => rmSync(files.directory, { recursive: true, force: true }));

// The command line may import a file as the consent authority (it is the store's operator), but its use was recorded nowhere.
describeEachCliStore('clientele import customers --consent-overrides-refusals is recorded', (context) => {
  it('marks the run, adds a consent.override audit entry with counts only, and says so in the summary', async () => {
    const file = files.file(`${context.kind}-crm.csv`, 'customer_id,email,consent_email,consent_sms\nK1,kai@example.com,yes,yes\n');
    expect((await runCliInProcess(context.db, ['import', 'customers', file, '--source', 'crm'])).error).toBeNull();
    const customerId = await context.withStore(async (store) =>
      Number((await store.db.selectFrom('customer').select('customer_id').where('email', '=', 'kai@example.com').executeTakeFirstOrThrow()).customer_id));
    expect((await runCliInProcess(context.db, ['customers', 'update', String(customerId), '--consent-email', 'no', '--consent-sms', 'no'])).error).toBeNull();

    const authority = await runCliInProcess(context.db, ['--json', 'import', 'customers', file, '--source', 'crm', '--consent-overrides-refusals']);
    expect(authority.error).toBeNull();
    const summary = JSON.parse(authority.stdout);
    expect(summary).toMatchObject({ updated: 1, consentRefusalsKept: 0, consentRefusalsOverridden: 2 });

    const runs = JSON.parse((await runCliInProcess(context.db, ['--json', 'imports'])).stdout) as Array<{ import_id: number; consent_overrides_refusals: boolean }>;
    expect(runs.map((run) => [run.import_id, run.consent_overrides_refusals])).toEqual([[summary.importId, true], [summary.importId - 1, false]]);

    const entries = await context.withStore((store) => store.db.selectFrom('audit_event').select(['actor', 'entity', 'entity_id', 'detail']).where('action', '=', 'consent.override').execute());
    expect(entries.map((entry) => ({ ...entry, detail: typeof entry.detail === 'string' ? JSON.parse(entry.detail) : entry.detail }))).toEqual([{
      actor: expect.stringMatching(/^cli:/), entity: 'import_run', entity_id: String(summary.importId), detail: { importId: summary.importId, records: 1, refusalsOverridden: 2 },
    }]);

    const text = await runCliInProcess(context.db, ['import', 'customers', file, '--source', 'crm', '--consent-overrides-refusals']);
    expect(text.stdout).toContain(`  consent refusals overridden: 0 (--consent-overrides-refusals: the file's yes replaced a customer's no; recorded on import run ${summary.importId + 1} and in the audit log as consent.override)`);
    // a file imported without it says nothing of overriding
    expect((await runCliInProcess(context.db, ['import', 'customers', file, '--source', 'crm'])).stdout).not.toContain('overridden');
  }, 240_000);
});
