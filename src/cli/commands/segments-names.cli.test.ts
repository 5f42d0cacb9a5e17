import { expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';

// the CLI keeps the API's rule (a name with something in it), and names are unique ignoring case, as persona names are
describeEachCliStore('clientele segments: blank names and names differing only in case', (context) => {
  const cli = async (...args: string[]) => runCliInProcess(context.db, args);
  const errorOf = (result: { stdout: string }) => JSON.parse(result.stdout).error;

  it('refuses a blank name and a name another segment has in another case', async () => {
    for (const blank of ['', '   ']) {
      const refused = await cli('--json', 'segments', 'create', blank, '--filter', '{"and": []}');
      expect(refused.exitCode).toBe(1);
      expect(errorOf(refused)).toMatchObject({ code: 'SEGMENT_NAME_INVALID', field: '<name>' });
    }
    const first = await cli('--json', 'segments', 'create', '  Champs ', '--filter', '{"and": []}');
    expect(first.exitCode).toBe(0);
    const champs = JSON.parse(first.stdout).segment;
    // trimmed, as the API's schema trims
    expect(champs.name).toBe('Champs');

    const again = await cli('--json', 'segments', 'create', 'champs', '--filter', '{"and": []}');
    expect(again.exitCode).toBe(1);
    expect(errorOf(again)).toMatchObject({ code: 'SEGMENT_NAME_EXISTS', details: { segmentId: champs.segment_id } });
    expect(errorOf(again).message).toContain('A segment named "Champs" already exists');

    const other = JSON.parse((await cli('--json', 'segments', 'create', 'Regulars', '--filter', '{"and": []}')).stdout).segment.segment_id as number;
    expect(errorOf(await cli('--json', 'segments', 'update', String(other), '--name', 'CHAMPS')).code).toBe('SEGMENT_NAME_EXISTS');
    // a segment may change the case of its own name
    expect((await cli('segments', 'update', String(champs.segment_id), '--name', 'CHAMPS')).exitCode).toBe(0);
  }, 180_000);
});
