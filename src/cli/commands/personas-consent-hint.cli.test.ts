import { expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';
import { suggestedCommand } from '../../../test/helpers/suggested-command.js';
import { plantPopulation } from '../../../test/fixtures/segments/planted-population.js';

// A store like the bundled CDNOW one: plenty of buyers, none of whom was ever asked about profiling.
describeEachCliStore('clientele personas on a store whose buyers never agreed to profiling', (context) => {
  it('does not send the reader to a discovery that must fail: it says why and what would let it run', async () => {
    await context.withStore((store) => plantPopulation(store.db, { customers: 60, seed: 7, asOf: new Date(), consentProfiling: null }));
    const { withoutConsent } = JSON.parse((await runCliInProcess(context.db, ['--json', 'personas', 'list'])).stdout).discovery;
    expect(withoutConsent).toBeGreaterThanOrEqual(24);
    const listed = await runCliInProcess(context.db, ['personas', 'list']);
    expect({ exitCode: listed.exitCode, error: listed.error }).toEqual({ exitCode: 0, error: null });
    expect(listed.stdout).not.toContain('Run `clientele');
    expect(listed.stdout).toContain(`\`${suggestedCommand(context.db, 'personas discover')}\` cannot run yet`);
    expect(listed.stdout).toContain(`needs at least 24 buyers who agreed to profiling; this store has 0 (and ${withoutConsent} more who have not agreed to profiling)`);
    expect(listed.stdout).toContain(`the recorded consent of 24 of the ${withoutConsent} buyers who have not agreed would let it run`);
    expect(listed.stdout).toContain('--consent-profiling yes');
    // nobody agreed, as in every bundled public data set: it says that they carry no consent
    expect(listed.stdout).toContain('None of this store\'s buyers has agreed: a customers file without a consent_profiling column records no consent, and the bundled public data sets (CDNOW and the other demo data sets) carry none.');

    // the discovery itself, if tried, is refused with the same reason and remedy
    const refused = await runCliInProcess(context.db, ['personas', 'discover']);
    expect((refused.error as { code?: string }).code).toBe('PERSONA_TOO_FEW_CUSTOMERS');
    expect((refused.error as Error).message).toContain(`the recorded consent of 24 of the ${withoutConsent} buyers who have not agreed would let it run`);
  }, 180_000);

  it('sends the reader to discover once enough buyers agree, and the discovery then runs', async () => {
    await context.withStore((store) => store.db.updateTable('customer').set({ consent_profiling: true }).execute());
    const listed = await runCliInProcess(context.db, ['personas', 'list']);
    expect(listed.stdout.split('\n')).toContain(`No personas have been discovered yet. Run \`${suggestedCommand(context.db, 'personas discover')}\` to find them: this store has enough buyers who agreed to profiling.`);
    const discovered = await runCliInProcess(context.db, ['--json', 'personas', 'discover', '--k', '2']);
    expect(discovered.error).toBeNull();
    expect(JSON.parse(discovered.stdout).withoutConsent).toBe(0);
  }, 180_000);
});
