import { expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';

// names are unique ignoring case, so a segment is found by its name in any case
describeEachCliStore('clientele segments: a segment named in another letter case', (context) => {
  const cli = async (...args: string[]) => runCliInProcess(context.db, args);

  it('shows and deletes a segment renamed to capitals by its name in small letters', async () => {
    const created = await cli('--json', 'segments', 'create', 'Champs', '--filter', '{"and": []}');
    const segmentId = JSON.parse(created.stdout).segment.segment_id as number;
    expect((await cli('segments', 'update', String(segmentId), '--name', 'CHAMPS')).exitCode).toBe(0);

    const shown = await cli('--json', 'segments', 'show', 'champs');
    expect(shown.exitCode).toBe(0);
    expect(JSON.parse(shown.stdout).segment).toMatchObject({ segment_id: segmentId, name: 'CHAMPS' });
    expect((await cli('segments', 'delete', 'champs')).exitCode).toBe(0);
    const gone = await cli('--json', 'segments', 'show', 'CHAMPS');
    expect(gone.exitCode).toBe(1);
    expect(JSON.parse(gone.stdout).error.code).toBe('SEGMENT_NOT_FOUND');
  }, 180_000);
});
