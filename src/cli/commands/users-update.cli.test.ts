import { expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';

describeEachCliStore('clientele users update', (context) => {
  const cli = (...args: string[]) => runCliInProcess(context.db, args);

  it('names a user and changes the email they sign in with, found by email or id, audited from → to', async () => {
    await cli('users', 'create', '--email', 'first@example.com', '--name', 'First', '--role', 'analyst', '--password', 'first has a long password');
    const changed = await cli('users', 'update', 'First@Example.com', '--name', 'Budi Santoso', '--email', ' Budi@Example.com ');
    expect(changed.exitCode).toBe(0);
    expect(changed.stdout).toMatch(/^User #\d+: name "First" → "Budi Santoso", email first@example.com → budi@example\.com\. They sign in as budi@example\.com from now on\.\n$/);
    const userId = /^User #(\d+)/.exec(changed.stdout)![1]!;
    const asJson = await cli('--json', 'users', 'update', userId, '--name', 'Budi S.');
    expect(JSON.parse(asJson.stdout)).toMatchObject({ userId: Number(userId), name: 'Budi S.', email: 'budi@example.com', role: 'analyst' });
    const audit = JSON.parse((await cli('--json', 'audit', '--action', 'user.update')).stdout).items as Array<{ detail: { before: { email: string }; changed: unknown } }>;
    expect(audit.map((entry) => entry.detail.changed)).toEqual([{ name: 'Budi S.' }, { name: 'Budi Santoso', email: 'budi@example.com' }]);
    expect(audit[1]!.detail.before.email).toBe('first@example.com');
    expect((await cli('users', 'update', 'budi@example.com', '--email', 'BUDI@example.com')).stdout).toBe('budi@example.com already has this name and email: nothing changed.\n');
  }, 120_000);

  it('refuses a taken or malformed email and a command with nothing to change, naming the option', async () => {
    await cli('users', 'create', '--email', 'one@example.com', '--name', 'One', '--role', 'agent');
    await cli('users', 'create', '--email', 'two@example.com', '--name', 'Two', '--role', 'agent');
    const taken = await cli('--json', 'users', 'update', 'two@example.com', '--email', 'ONE@example.com');
    expect(taken.exitCode).toBe(1);
    expect(JSON.parse(taken.stdout).error).toEqual({ code: 'USER_EMAIL_EXISTS', field: '--email', message: 'A staff user with the email one@example.com already exists.' });
    const malformed = await cli('users', 'update', 'two@example.com', '--email', 'two at example');
    expect([malformed.exitCode, malformed.stderr]).toEqual([1, expect.stringContaining('error USER_EMAIL_INVALID: "two at example" is not an email address.')]);
    const nothing = await cli('--json', 'users', 'update', 'two@example.com');
    expect(nothing.exitCode).toBe(1);
    expect(JSON.parse(nothing.stdout).error).toMatchObject({ code: 'CLI_ARGUMENT_INVALID', message: 'Give --name, --email or both: what to change.' });
  }, 120_000);
});
