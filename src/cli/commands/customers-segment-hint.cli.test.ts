import { beforeAll, expect, it } from 'vitest';
import { rfmSegmentNames } from '../../analytics/rfm-segments.js';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';
import { suggestedCommand } from '../../../test/helpers/suggested-command.js';

// --segment is the RFM segment of the last analysis; a saved segment's name there meant its members
describeEachCliStore('clientele customers list --segment with a saved segment\'s name', (context) => {
  const list = (...args: string[]) => runCliInProcess(context.db, ['customers', 'list', ...args]);

  beforeAll(async () => {
    for (const args of [
      ['customers', 'create', '--name', 'Ayu', '--city', 'Jakarta'],
      ['segments', 'create', 'Big spenders', '--filter', '{"field": "city", "op": "eq", "value": "Jakarta"}'],
      ['segments', 'create', "Ayu's friends", '--filter', '{"and": []}'],
    ]) {
      const result = await runCliInProcess(context.db, args);
      if (result.error) throw result.error;
    }
  }, 120_000);

  it('points to the saved segment\'s members, as stored, however its letters were typed', async () => {
    for (const typed of ['Big spenders', 'big SPENDERS']) {
      const result = await list('--segment', typed);
      expect(result.exitCode).not.toBe(0);
      expect(result.error).toMatchObject({
        code: 'CLI_ARGUMENT_INVALID', details: { field: '--segment' },
        message: `--segment: "${typed}" is the name of a saved segment, not an RFM segment: list its members with ${suggestedCommand(context.db, 'segments members "Big spenders"')}. `
          + `--segment takes an RFM segment: ${rfmSegmentNames.join(', ')}.`,
      });
      expect(result.stderr).toContain(suggestedCommand(context.db, 'segments members "Big spenders"'));
    }
  }, 60_000);

  it('quotes a name for the shell when double quotes would not keep it whole', async () => {
    const result = await list('--json', '--segment', "Ayu's friends");
    expect(result.error).toMatchObject({ code: 'CLI_ARGUMENT_INVALID', message: expect.stringContaining(`${suggestedCommand(context.db, "segments members 'Ayu'\\''s friends'")}.`) });
  }, 60_000);

  it('names only the RFM segments for a name no saved segment has, and lists by a real one', async () => {
    const result = await list('--segment', 'Whales');
    expect(result.error).toMatchObject({ code: 'CLI_ARGUMENT_INVALID', message: `--segment: "Whales" is not an RFM segment. Use one of: ${rfmSegmentNames.join(', ')}.` });
    expect(result.stderr).not.toContain('segments members');
    const champions = await list('--segment', 'champions');
    expect(champions.error).toBeNull();
    expect(champions.stdout).toContain('0 shown of 0 customers');
  }, 60_000);
});
