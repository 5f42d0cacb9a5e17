import { beforeAll, expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';

describeEachCliStore('clientele segments preview --sample', (context) => {
  const preview = async (...args: string[]) => {
    const result = await runCliInProcess(context.db, ['segments', 'preview', '--filter', '{"and": []}', ...args]);
    if (result.error) throw result.error;
    return result.stdout;
  };

  beforeAll(async () => {
    for (const name of ['Ayu', 'Budi', 'Citra']) {
      const result = await runCliInProcess(context.db, ['customers', 'create', '--name', name]);
      if (result.error) throw result.error;
    }
  }, 120_000);

  it('prints only the count with --sample 0, not an empty list that reads as nobody', async () => {
    const printed = await preview('--sample', '0');
    expect(printed).toMatch(/^3 of 3 customers \(100\.0%\) in \d+ ms\n$/);
    expect(printed).not.toContain('(none)');
  }, 60_000);

  it('lists the first matches with a sample', async () => {
    const printed = await preview('--sample', '2');
    expect(printed).toMatch(/^3 of 3 customers/);
    expect(printed).toContain('Ayu');
    expect(printed).toContain('Budi');
    expect(printed).not.toContain('Citra');
  }, 60_000);
});
