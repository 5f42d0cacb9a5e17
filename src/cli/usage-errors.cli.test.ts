import { expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../test/helpers/cli-in-process.js';

// Every refusal of a command line reads as a sentence naming the option (or positional) and what to
// write, in the project's one error form: `error CODE: …` on stderr, or JSON with the option as `field`.
describeEachCliStore('clientele usage errors', (context) => {
  const text = async (...args: string[]) => {
    const result = await runCliInProcess(context.db, args);
    expect({ args, exitCode: result.exitCode, stdout: result.stdout }).toEqual({ args, exitCode: 1, stdout: '' });
    return result.stderr.replace(/^New store: .*\n/, '');
  };
  const json = async (...args: string[]) => {
    const result = await runCliInProcess(context.db, ['--json', ...args]);
    expect({ args, exitCode: result.exitCode }).toEqual({ args, exitCode: 1 });
    return JSON.parse(result.stdout).error as { code: string; message: string; field?: string };
  };

  it('says what an option takes instead of a schema\'s words', async () => {
    expect(await text('report', 'summary', '--as-of', '2026-12-05T10:00:00Z'))
      .toBe('error CLI_ARGUMENT_INVALID: --as-of takes a calendar day like 2026-12-05, from 1970-01-01 to 2100-12-31, not 2026-12-05T10:00:00Z.\n');
    expect(await text('settings', 'set', '--name', '   ')).toBe('error CLI_ARGUMENT_INVALID: --name takes a value that is not blank (e.g. --name "Kopi Kita"), not "   ".\n');
    expect(await text('customers', 'list', '--status', 'buyer')).toBe('error CLI_ARGUMENT_INVALID: --status takes one of real, lead, not buyer.\n');
    expect(await text('audit', '--since', 'yesterday')).toBe('error CLI_ARGUMENT_INVALID: --since takes a calendar day like 2026-12-05 or an ISO 8601 time like 2026-12-05T10:00:00Z, from 1970-01-01 to 2100-12-31, not yesterday.\n');
  }, 120_000);

  it('words commander\'s refusals in the same form, one line and no help', async () => {
    expect(await text('report', 'summary', '--days', '1.5'))
      .toBe('error CLI_ARGUMENT_INVALID: --days takes a whole number from 1 to 3,660, e.g. --days 7, not 1.5.\n');
    expect(await text('models', 'validate', '--calibration-end', '2026-01-01')).toBe('error CLI_ARGUMENT_INVALID: --holdout-end is required: add --holdout-end <date> '
      + '(YYYY-MM-DD: 7 days or more after the calibration end, and no later than today (a data set\'s store: its end)). Run `clientele models validate --help` for its usage.\n');
    expect(await text('users', 'disable')).toBe('error CLI_ARGUMENT_INVALID: <user> is missing: write `clientele users disable <user>`, <user> being id or email. Run `clientele users disable --help` for its usage.\n');
    expect(await text('customers', 'list', '--bogus')).toBe('error CLI_ARGUMENT_INVALID: --bogus is not an option of clientele customers list. Run `clientele customers list --help` for its usage.\n');
    expect(await text('alerts', 'ack', 'first')).toBe('error CLI_ARGUMENT_INVALID: <alertId> takes an alert id (a positive whole number), not first.\n');
  }, 120_000);

  it('names the option as typed, or the positional as its help shows it, in field', async () => {
    expect(await json('report', 'summary', '--days', '1.5')).toMatchObject({ code: 'CLI_ARGUMENT_INVALID', field: '--days' });
    expect(await json('models', 'validate', '--calibration-end', '2026-01-01')).toMatchObject({ code: 'CLI_ARGUMENT_INVALID', field: '--holdout-end' });
    expect(await json('settings', 'set', '--name', '   ')).toMatchObject({ field: '--name' });
    expect(await json('settings', 'set', '--time-zone', 'Mars/Base')).toMatchObject({ field: '--time-zone' });
    expect(await json('api-keys', 'create', '--name', 'feed')).toMatchObject({ field: '--scope' });
    expect(await json('api-keys', 'create', '--name', 'feed', '--scope', 'everything')).toMatchObject({ code: 'API_KEY_SCOPE_INVALID', field: '--scope' });
    expect(await json('users', 'disable', 'nobody@example.com')).toMatchObject({ code: 'USER_NOT_FOUND', field: '<user>' });
    expect(await json('users', 'set-role', 'nobody@example.com', 'boss')).toMatchObject({ code: 'CLI_ARGUMENT_INVALID', field: '<role>' });
    expect(await json('api-keys', 'revoke', '999999')).toMatchObject({ code: 'API_KEY_NOT_FOUND', field: '<id>' });
    expect(await json('users', 'disable')).toMatchObject({ field: '<user>' });
  }, 120_000);
});
