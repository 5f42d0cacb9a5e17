import { expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';

// A number option given a word is a usage error naming the option and the numbers it takes,
// refused before the command runs: not the schema's "expected number, received NaN", nor a database error.
describeEachCliStore('clientele numeric options given something else', (context) => {
  const refusal = async (...args: string[]) => {
    const result = await runCliInProcess(context.db, args);
    expect({ args, exitCode: result.exitCode }).toEqual({ args, exitCode: 1 });
    expect(result.stdout).toBe('');
    return result.stderr;
  };

  it('names the option and the whole numbers it takes', async () => {
    expect(await refusal('customers', 'list', '--limit', 'abc'))
      .toContain('error CLI_ARGUMENT_INVALID: --limit takes a whole number from 1 to 500, e.g. --limit 50, not abc.');
    expect(await refusal('customers', 'list', '--limit', '501')).toContain('--limit takes a whole number from 1 to 500, e.g. --limit 50, not 501.');
    expect(await refusal('customers', 'list', '--limit', '2.5')).toContain('--limit takes a whole number from 1 to 500');
    expect(await refusal('segments', 'members', '1', '--limit', 'ten'))
      .toContain('error CLI_ARGUMENT_INVALID: --limit takes a whole number from 1 to 1,000, e.g. --limit 200, not ten.');
    expect(await refusal('segments', 'preview', '--filter', '{"and": []}', '--sample', 'abc'))
      .toContain('error CLI_ARGUMENT_INVALID: --sample takes a whole number from 0 to 1,000, e.g. --sample 20, not abc.');
    expect(await refusal('personas', 'discover', '--seed', 'x')).toContain('error CLI_ARGUMENT_INVALID: --seed takes a whole number from 0 to 4,294,967,295');
    expect(await refusal('demo', 'load', 'synthetic', '--customers', 'many')).toContain('error CLI_ARGUMENT_INVALID: --customers takes a whole number from 1 to 10,000,000');
  }, 120_000);

  it('names a cursor to continue after that is none', async () => {
    expect(await refusal('segments', 'members', '1', '--after', 'abc')).toContain("--after: abc is not a cursor of this segment's members. Give the cursor printed under the previous page");
  }, 120_000);

  it('still takes a number in range', async () => {
    const result = await runCliInProcess(context.db, ['segments', 'preview', '--filter', '{"and": []}', '--sample', '0']);
    expect(result.error).toBeNull();
    expect(result.stdout).toMatch(/^0 of 0 customers/);
  }, 120_000);
});
