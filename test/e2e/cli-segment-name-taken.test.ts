import { expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../helpers/cli-in-process.js';
import { suggestedCommand } from '../helpers/suggested-command.js';

// A script reads the exit code: 1 says the same command will be refused again, so change it.
describeEachCliStore('clientele segments create: a name another segment has', (context) => {
  const cli = async (...args: string[]) => {
    const result = await runCliInProcess(context.db, args);
    return { code: result.exitCode, stdout: result.stdout, stderr: result.stderr };
  };

  it('exits 1 naming the segment that has it and the commands that free the name, which then work', async () => {
    const first = await cli('--json', 'segments', 'create', 'VIPs', '--filter', '{"and": []}');
    expect(first.code).toBe(0);
    const segmentId = JSON.parse(first.stdout).segment.segment_id as number;

    const again = await cli('--json', 'segments', 'create', 'VIPs', '--filter', '{"and": []}');
    expect(again.code).toBe(1);
    const { error } = JSON.parse(again.stdout);
    expect(error).toMatchObject({ code: 'SEGMENT_NAME_EXISTS', field: '<name>', details: { segmentId } });
    expect(error.message).toBe(
      `A segment named "VIPs" already exists (#${segmentId}): choose another name, or change segment #${segmentId} instead ` +
        `(\`${suggestedCommand(context.db, `segments update ${segmentId} --filter …`)}\`, or PATCH /api/segments/${segmentId}), or delete it (\`${suggestedCommand(context.db, `segments delete ${segmentId}`)}\`, or DELETE /api/segments/${segmentId}) first.`,
    );

    const other = JSON.parse((await cli('--json', 'segments', 'create', 'Regulars', '--filter', '{"and": []}')).stdout).segment.segment_id as number;
    const renamed = await cli('segments', 'update', String(other), '--name', 'VIPs');
    expect(renamed.code).toBe(1);
    expect(renamed.stderr).toContain(
      `A segment named "VIPs" already exists (#${segmentId}): choose another name, or free it first: rename segment #${segmentId} ` +
        `(\`${suggestedCommand(context.db, `segments update ${segmentId} --name …`)}\`, or PATCH /api/segments/${segmentId}) or delete it (\`${suggestedCommand(context.db, `segments delete ${segmentId}`)}\`, or DELETE /api/segments/${segmentId}).`,
    );

    expect((await cli('segments', 'delete', String(segmentId))).code).toBe(0);
    expect((await cli('segments', 'update', String(other), '--name', 'VIPs')).code).toBe(0);
  }, 240_000);
});
