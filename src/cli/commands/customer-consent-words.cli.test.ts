import { expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';

// The words an import file may write consent in (src/ingest/consent-local-words.test.ts), typed at the command line.
describeEachCliStore('clientele customers: consent in Latvian and Indonesian words', (context) => {
  const json = async (...args: string[]) => {
    const result = await runCliInProcess(context.db, ['--json', ...args]);
    if (result.error) throw result.error;
    return JSON.parse(result.stdout);
  };
  const consentOf = async (customerId: number) => {
    const { customer } = await json('customers', 'show', String(customerId));
    return { email: customer.consent_email, sms: customer.consent_sms, profiling: customer.consent_profiling };
  };

  it('takes jā, nē, ya and tidak on create and update, and unknown still clears', async () => {
    const created = await json('customers', 'create', '--name', 'Ilze', '--consent-email', 'jā', '--consent-sms', 'nē', '--consent-profiling', 'ya');
    const customerId = created.customer.customer_id as number;
    expect(await consentOf(customerId)).toEqual({ email: true, sms: false, profiling: true });
    await json('customers', 'update', String(customerId), '--consent-email', 'tidak', '--consent-sms', 'JA', '--consent-profiling', 'ne');
    expect(await consentOf(customerId)).toEqual({ email: false, sms: true, profiling: false });
    await json('customers', 'update', String(customerId), '--consent-email', 'Ya', '--consent-profiling', 'unknown');
    expect(await consentOf(customerId)).toEqual({ email: true, sms: true, profiling: null });
  }, 120_000);

  it('still refuses a word that is no answer, naming the option', async () => {
    const result = await runCliInProcess(context.db, ['customers', 'create', '--name', 'Made', '--consent-sms', 'mungkin']);
    expect(result.exitCode).not.toBe(0);
    expect((result.error as { code?: string }).code).toBe('CLI_ARGUMENT_INVALID');
    expect((result.error as Error).message).toBe('--consent-sms: "mungkin" is not yes, no or unknown.');
  }, 120_000);
});
