import { beforeAll, expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';

describeEachCliStore('clientele segments update', (context) => {
  const cli = async (...args: string[]) => {
    const result = await runCliInProcess(context.db, args);
    if (result.error) throw result.error;
    return result.stdout;
  };
  const json = async (...args: string[]) => JSON.parse(await cli('--json', ...args));
  const inCity = (city: string) => JSON.stringify({ field: 'city', op: 'eq', value: city });
  const memberNames = async (segment: string) => (await json('segments', 'members', segment)).items.map((member: { name: string }) => member.name);

  beforeAll(async () => {
    for (const [name, city] of [['Ayu', 'Jakarta'], ['Budi', 'Jakarta'], ['Citra', 'Bandung'], ['Dewi', 'Bandung'], ['Eka', 'Bandung']]) {
      await cli('customers', 'create', '--name', name, '--city', city);
    }
  }, 120_000);

  it('renames a segment named by its name and changes its filter, recomputing its members', async () => {
    const created = await json('segments', 'create', 'Jakarta people', '--filter', inCity('Jakarta'), '--description', 'the capital');
    expect(created.refresh.members).toBe(2);
    const updated = await json('segments', 'update', 'Jakarta people', '--name', 'Bandung people', '--filter', inCity('Bandung'));
    // the API's PATCH answer: the segment as stored now and the refresh its new filter ran
    expect(updated).toEqual({
      segment: expect.objectContaining({
        segment_id: created.segment.segment_id, name: 'Bandung people', description: 'the capital', filter: { field: 'city', op: 'eq', value: 'Bandung' }, member_count: 3,
      }),
      refresh: { segmentId: created.segment.segment_id, name: 'Bandung people', entered: 3, left: 2, members: 3, seconds: expect.any(Number) },
    });
    expect(await memberNames('Bandung people')).toEqual(['Citra', 'Dewi', 'Eka']);
    const oldName = await runCliInProcess(context.db, ['segments', 'show', 'Jakarta people']);
    expect(oldName.error).toMatchObject({ code: 'SEGMENT_NOT_FOUND' });
  }, 120_000);

  it('changes only the description when only that is given, by id, leaving the members as they were', async () => {
    const created = await json('segments', 'create', 'Bandung again', '--filter', inCity('Bandung'));
    const id = String(created.segment.segment_id);
    const printed = await cli('segments', 'update', id, '--description', 'west Java');
    expect(printed).toBe(`Segment #${id} "Bandung again" updated: description. 3 members, as before.\n`);
    const shown = await json('segments', 'show', id);
    expect(shown.segment).toMatchObject({ name: 'Bandung again', description: 'west Java', filter: { field: 'city', op: 'eq', value: 'Bandung' }, member_count: 3 });
    // no filter given: nothing was recomputed, so the history holds only the members' first entry
    expect(shown.history.filter((event: { change: string }) => event.change !== 'entered')).toEqual([]);
    expect((await json('segments', 'update', id, '--no-description'))).toMatchObject({ segment: { description: null }, refresh: null });
    expect(await cli('segments', 'update', id, '--filter', inCity('Jakarta'))).toMatch(new RegExp(`^Segment #${id} "Bandung again" updated: filter\\. 2 members now: 2 entered, 3 left \\(\\d+\\.\\d\\d s\\)\\.\\n$`));
    expect(await memberNames(id)).toEqual(['Ayu', 'Budi']);
  }, 120_000);

  it('says clearly when there is no such segment, by name or by number', async () => {
    const byName = await runCliInProcess(context.db, ['segments', 'update', 'No such group', '--name', 'Other']);
    expect(byName.error).toMatchObject({ code: 'SEGMENT_NOT_FOUND', message: 'There is no segment "No such group".' });
    expect(byName.exitCode).not.toBe(0);
    expect(byName.stderr).toContain('There is no segment "No such group".');
    const byNumber = await runCliInProcess(context.db, ['--json', 'segments', 'update', '9999', '--description', 'x']);
    expect(byNumber.error).toMatchObject({ code: 'SEGMENT_NOT_FOUND', message: 'There is no segment #9999.' });
  }, 60_000);

  it('refuses an update that changes nothing, a taken name or an invalid filter, and keeps the segment as it was', async () => {
    await json('segments', 'create', 'Kept', '--filter', inCity('Jakarta'));
    const nothing = await runCliInProcess(context.db, ['segments', 'update', 'Kept']);
    expect(nothing.error).toMatchObject({ code: 'CLI_ARGUMENT_INVALID', message: expect.stringContaining('give --name, --description, --no-description or --filter') });
    const blank = await runCliInProcess(context.db, ['segments', 'update', 'Kept', '--name', '  ']);
    expect(blank.error).toMatchObject({ code: 'CLI_ARGUMENT_INVALID', details: { field: '--name' } });
    const taken = await runCliInProcess(context.db, ['segments', 'update', 'Kept', '--name', 'Bandung people']);
    expect(taken.error).toMatchObject({ code: 'SEGMENT_NAME_EXISTS' });
    const invalid = await runCliInProcess(context.db, ['segments', 'update', 'Kept', '--name', 'Renamed', '--filter', '{"field":"citty","op":"eq","value":"x"}']);
    expect(invalid.error).toMatchObject({ code: 'SEGMENT_FILTER_INVALID', message: expect.stringContaining('did you mean "city"') });
    expect((await json('segments', 'show', 'Kept')).segment).toMatchObject({ filter: { field: 'city', op: 'eq', value: 'Jakarta' }, member_count: 2 });
  }, 120_000);
});
