import { rmSync } from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../test/helpers/cli-in-process.js';
import { scratchFiles } from '../../test/helpers/import-files.js';

const files = scratchFiles('consent-refusals-cli');
afterAll(() => rmSync(files.directory, { recursive: true, force: true }));

const older = 'customer_id,email,consent_email,consent_profiling\nC331,ana@example.com,yes,yes\n';

describeEachCliStore('clientele import customers: a withdrawn consent stands against an older file', (context) => {
  it('keeps the refusal, says so in text and JSON with the option to use, and the option lets the file\'s yes apply; customers show says since when', async () => {
    const file = files.file(`${context.kind}-customers.csv`, older);
    expect((await runCliInProcess(context.db, ['import', 'customers', file, '--source', 'shop'])).error).toBeNull();
    const customerId = await context.withStore(async (store) =>
      Number((await store.db.selectFrom('customer').select('customer_id').where('email', '=', 'ana@example.com').executeTakeFirstOrThrow()).customer_id));
    const withdrawn = await runCliInProcess(context.db, ['customers', 'update', String(customerId), '--consent-email', 'no', '--consent-profiling', 'no']);
    expect(withdrawn.error).toBeNull();

    const again = await runCliInProcess(context.db, ['import', 'customers', file, '--source', 'shop']);
    expect(again.error).toBeNull();
    expect(again.stdout).toContain('  consent refusals kept: 2 (the file said yes where the customer had said no; a refusal stands against a file. If this file is the consent authority, import it again with --consent-overrides-refusals)');
    const json = await runCliInProcess(context.db, ['--json', 'import', 'customers', file, '--source', 'shop']);
    expect(JSON.parse(json.stdout)).toMatchObject({ unchanged: 1, consentRefusalsKept: 2 });
    const shown = await runCliInProcess(context.db, ['--json', 'customers', 'show', String(customerId)]);
    expect(JSON.parse(shown.stdout)).toMatchObject({
      customer: { consent_email: false, consent_profiling: false, consent_sms: null },
      consents: { email: { source: 'staff', import_run_id: null }, profiling: { source: 'staff' }, sms: { since: null, source: null } },
    });

    const authority = await runCliInProcess(context.db, ['--json', 'import', 'customers', file, '--source', 'shop', '--consent-overrides-refusals']);
    expect(authority.error).toBeNull();
    const summary = JSON.parse(authority.stdout);
    expect(summary).toMatchObject({ updated: 1, consentRefusalsKept: 0 });
    const text = await runCliInProcess(context.db, ['customers', 'show', String(customerId)]);
    expect(text.error).toBeNull();
    expect(text.stdout).toMatch(new RegExp(`consent since:\\n\\s*email\\s+yes since .+ \\(import #${summary.importId}\\)\\n\\s*sms\\s+unknown \\(no change recorded\\)\\n\\s*whatsapp\\s+unknown \\(no change recorded\\)\\n\\s*profiling\\s+yes since .+ \\(import #${summary.importId}\\)`));
    expect(text.stdout).toContain('email yes, SMS unknown, WhatsApp unknown, profiling yes');

    // WhatsApp consent by hand, in the shop's own words, as SMS consent is
    const agreed = await runCliInProcess(context.db, ['customers', 'update', String(customerId), '--consent-whatsapp', 'ya']);
    expect(agreed.error).toBeNull();
    const after = await runCliInProcess(context.db, ['customers', 'show', String(customerId)]);
    expect(after.stdout).toMatch(/\n\s*whatsapp\s+yes since .+ \(staff\)\n/);
    expect(after.stdout).toContain('WhatsApp yes');
    const refused = await runCliInProcess(context.db, ['customers', 'update', String(customerId), '--consent-whatsapp', 'maybe']);
    expect(refused.error).toMatchObject({ code: 'CLI_ARGUMENT_INVALID' });
  }, 240_000);

  it('lists the option in the import\'s help', async () => {
    const help = await runCliInProcess(context.db, ['import', '--help']);
    expect(help.stdout).toContain('--consent-overrides-refusals');
  });
});
