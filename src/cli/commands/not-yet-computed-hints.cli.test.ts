import { expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';

/** A store where nothing was computed yet: what asks for a persona or a type says what to run, not only that nothing matched. */
describeEachCliStore('hints on a store not yet analysed and without personas', (context) => {
  const cli = (...args: string[]) => runCliInProcess(context.db, args);

  it('points a persona asked for by id to `personas discover` while none were ever discovered', async () => {
    const drift = await cli('personas', 'drift', '--persona', '1', '--before', '2025-01-01..2025-07-01', '--after', '2025-07-01..2026-01-01');
    expect(drift.exitCode).toBe(1);
    expect(drift.error).toMatchObject({ code: 'PERSONA_NOT_FOUND' });
    expect(drift.stderr).toContain('There is no persona #1. No personas have been discovered yet: run `clientele --db ');
    expect(drift.stderr).toContain(' personas discover` first.');
    const show = await cli('personas', 'show', '1');
    expect(show.error).toMatchObject({ code: 'PERSONA_NOT_FOUND', message: expect.stringContaining('No personas have been discovered yet') });
  }, 120_000);

  it('says no analysis has run when a type has no customers, until one has', async () => {
    for (const args of [['customers', 'list', '--type', 'vip'], ['customers', 'list', '--type', 'vip', '--city', 'Riga']]) {
      const before = await cli(...args);
      expect(before.error, args.join(' ')).toBeNull();
      expect(before.stdout, args.join(' ')).toContain('No analysis has run on this store yet, so no customer has a type: run `clientele --db ');
      expect(before.stdout, args.join(' ')).toContain(' analyze` first.');
    }
    expect((await cli('analyze')).error).toBeNull();
    const after = await cli('customers', 'list', '--type', 'vip');
    expect(after.stdout).toMatch(/\(none: no customer is typed vip as of \d{4}-\d{2}-\d{2}, the latest analysis\)/);
    expect(after.stdout).not.toContain('No analysis has run');
  }, 120_000);
});
