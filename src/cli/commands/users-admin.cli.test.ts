import { expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';
import { suggestedCommand } from '../../../test/helpers/suggested-command.js';

describeEachCliStore('clientele users on a disabled user', (context) => {
  const cli = (...args: string[]) => runCliInProcess(context.db, args);
  const userUpdates = async () => JSON.parse((await cli('--json', 'audit', '--action', 'user.update')).stdout).items as Array<{ detail: { changed: unknown } }>;

  it('refuses to reset the password of a disabled user, saying the command that enables them first', async () => {
    await cli('users', 'create', '--email', 'ops@example.com', '--name', 'Ops', '--role', 'analyst');
    expect((await cli('users', 'disable', 'ops@example.com')).exitCode).toBe(0);
    const refused = await cli('users', 'reset-password', 'ops@example.com');
    expect(refused.exitCode).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain(`error USER_DISABLED_CONFLICT: ops@example.com is disabled, so a new password would not let them sign in. Enable them first with \`${suggestedCommand(context.db, 'users enable ops@example.com')}\`, then reset the password again.`);
    const asJson = await cli('--json', 'users', 'reset-password', 'ops@example.com');
    expect(JSON.parse(asJson.stdout).error).toMatchObject({ code: 'USER_DISABLED_CONFLICT', field: '<user>' });
    expect((await cli('users', 'enable', 'ops@example.com')).exitCode).toBe(0);
    const reset = await cli('users', 'reset-password', 'ops@example.com');
    expect(reset.exitCode).toBe(0);
    expect(reset.stdout).toContain('One-time password');
  }, 120_000);

  it('says a user is already disabled, auditing nothing, and exits 0', async () => {
    await cli('users', 'create', '--email', 'twice@example.com', '--name', 'Twice', '--role', 'agent');
    const before = (await userUpdates()).length;
    expect((await cli('users', 'disable', 'twice@example.com')).stdout).toBe('twice@example.com is disabled and signed out everywhere.\n');
    const again = await cli('users', 'disable', 'twice@example.com');
    expect({ exitCode: again.exitCode, stdout: again.stdout }).toEqual({ exitCode: 0, stdout: 'twice@example.com is already disabled: nothing changed.\n' });
    const updates = await userUpdates();
    expect(updates).toHaveLength(before + 1);
    expect(updates[0]!.detail.changed).toEqual({ disabled: true });
    expect((await cli('users', 'set-role', 'twice@example.com', 'agent')).stdout).toBe('twice@example.com is already agent: nothing changed.\n');
    expect(await userUpdates()).toHaveLength(before + 1);
  }, 120_000);
});
