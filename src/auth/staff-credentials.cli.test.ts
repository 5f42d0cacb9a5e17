import { expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../test/helpers/cli-in-process.js';

describeEachCliStore('clientele users create: look-alike emails and common passwords', (context) => {
  const run = (...args: string[]) => runCliInProcess(context.db, args);

  it('refuses a common --password and an email with an invisible character, creating no one, then creates with good ones', async () => {
    const common = await run('users', 'create', '--email', 'sari@example.com', '--name', 'Sari', '--role', 'admin', '--password', 'qwertyuiop');
    expect(common.exitCode).not.toBe(0);
    expect(common.error).toMatchObject({ code: 'AUTH_PASSWORD_COMMON' });
    expect(common.stderr).toContain('This password is among the most commonly used ones; choose another.');

    const lookAlike = await run('users', 'create', '--email', 'sari@example.com\u200B', '--name', 'Sari', '--role', 'admin');
    expect(lookAlike.exitCode).not.toBe(0);
    expect(lookAlike.error).toMatchObject({ code: 'USER_EMAIL_INVALID' });
    expect(lookAlike.stderr).toContain('contains an invisible character U+200B at position 17; retype the address');

    expect(JSON.parse((await run('--json', 'users', 'list')).stdout)).toEqual([]);
    const created = await run('--json', 'users', 'create', '--email', 'sari@example.com', '--name', 'Sari', '--role', 'admin', '--password', 'sari picked a long one');
    expect(created.error).toBeNull();
    expect(JSON.parse(created.stdout)).toMatchObject({ user: { email: 'sari@example.com' }, oneTimePassword: null });
  }, 240_000);
});
