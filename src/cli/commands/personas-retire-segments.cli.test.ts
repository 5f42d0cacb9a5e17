import { expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';
import { plantPopulation } from '../../../test/fixtures/segments/planted-population.js';

const coffee = 'Young low-spend, coffee';

// `personas discover` asks before it retires a persona a saved segment selects by, and the segment says so after.
describeEachCliStore('clientele personas discover and the segments naming its personas', (context) => {
  const cli = (...args: string[]) => runCliInProcess(context.db, args);

  it('refuses without --retire-segment-personas, lists the segment after it, and segments show and list warn', async () => {
    await context.withStore(({ db }) => plantPopulation(db, { customers: 300, seed: 11, asOf: new Date('2026-06-01T00:00:00Z'), consentProfiling: true }));
    const first = JSON.parse((await cli('--json', 'personas', 'discover', '--k', '2', '--seed', '3', '--sample', '300')).stdout);
    const personaId = first.personas[0].personaId;
    expect((await cli('personas', 'rename', String(personaId), coffee)).exitCode).toBe(0);
    expect((await cli('segments', 'create', 'Coffee mailing', '--filter', JSON.stringify({ field: 'persona', op: 'eq', value: coffee }))).exitCode).toBe(0);
    const before = JSON.parse((await cli('--json', 'segments', 'show', 'Coffee mailing')).stdout).segment;
    expect(before.member_count).toBeGreaterThan(0);

    const refused = await cli('personas', 'discover', '--k', '4', '--seed', '5', '--sample', '300');
    expect(refused.exitCode).toBe(1);
    const message = (refused.error as Error).message;
    expect(message).toContain(`segment #${before.segment_id} "Coffee mailing" names "${coffee}": ${before.member_count} → 0 members`);
    expect(message).toContain(`clientele personas pin ${personaId}`);
    expect(message).toContain('--retire-segment-personas');

    const retired = await cli('personas', 'discover', '--k', '4', '--seed', '5', '--sample', '300', '--retire-segment-personas');
    expect(retired.exitCode).toBe(0);
    expect(retired.stdout).toContain(`Saved segments naming a persona this discovery retired:\n  segment #${before.segment_id} "Coffee mailing" names "${coffee}": ${before.member_count} → 0 members`);
    expect(retired.stdout).toContain('personas pin <id>');

    const shown = await cli('segments', 'show', 'Coffee mailing');
    expect(shown.stdout).toContain(`warning: segment #${before.segment_id} "Coffee mailing": No persona is called "${coffee}" any more: it was retired by the discovery of`);
    expect(shown.stdout).toContain('members: 0.');
    expect((await cli('segments', 'list')).stdout).toContain(`No persona is called "${coffee}" any more`);
    const problems = JSON.parse((await cli('--json', 'segments', 'list')).stdout).items[0].problems;
    expect(problems).toEqual([{ field: 'persona', value: coffee, code: 'PERSONA_RETIRED', retiredAt: expect.any(String) }]);
  }, 240_000);
});
