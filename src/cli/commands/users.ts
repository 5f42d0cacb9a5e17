import type { Command } from 'commander';
import { createStaffUser, findUser, isStaffRole, listUsers, resetStaffPassword, roles, shellCaller, updateUser, type StaffUser } from '../../auth/index.js';
import { AppError } from '../../core/errors.js';
import type { StaffRole } from '../../db/schema.js';
import type { CliRuntime } from '../runtime.js';
import { keyValues, table } from '../format.js';
import { withExamples } from '../examples.js';

const parseRole = (value: string): StaffRole => {
  if (!isStaffRole(value)) throw new AppError('CLI_ARGUMENT_INVALID', `Unknown role "${value}". Use one of: ${roles.join(', ')}.`, { field: 'role' });
  return value;
};

/** A user is named by id or by email: whichever the person at the terminal has at hand. */
const userReference = (value: string): number | string => (/^\d+$/.test(value) ? Number(value) : value);

const userRow = (user: StaffUser) => ({ id: user.userId, email: user.email, name: user.name, role: user.role, locale: user.locale, disabled: user.disabledAt ?? '', 'must change password': user.mustChangePassword ? 'yes' : '' });

export function registerUsersCommand(program: Command, runtime: CliRuntime): void {
  const users = program.command('users').description('staff users who sign in to the web app (acts with the owner’s rights)');

  users.command('list').description('all staff users').action(async () => {
    const list = await runtime.withStore(({ db }) => listUsers(db));
    runtime.print(list, (rows: StaffUser[]) => table(rows.map(userRow)));
  });

  withExamples(users.command('create')
    .description('create a staff user; without --password a one-time password is printed once')
    .requiredOption('--email <email>')
    .requiredOption('--name <name>')
    .requiredOption('--role <role>', roles.join(' | '), parseRole)
    .option('--password <password>', 'their password (at least 10 characters); prefer leaving it out so it is not in shell history'), [
    ['clientele users create --email sari@example.com --name "Sari Wulandari" --role marketer', 'prints a one-time password'],
  ])
    .action(async (options: { email: string; name: string; role: StaffRole; password?: string }) => {
      const created = await runtime.withStore(({ db, actor }) => createStaffUser(db, shellCaller(actor), options));
      runtime.print(created, (result: typeof created) =>
        [keyValues(userRow(result.user)), result.oneTimePassword ? `\nOne-time password (shown once; they must change it at first sign-in): ${result.oneTimePassword}` : ''].join(''));
    });

  withExamples(users.command('set-role')
    .description("change a user's role")
    .argument('<user>', 'id or email')
    .argument('<role>', roles.join(' | '), parseRole), [
    ['clientele users set-role sari@example.com analyst', 'read-only from the next request'],
  ])
    .action(async (reference: string, role: StaffRole) => {
      const user = await runtime.withStore(async ({ db, actor, clock }) => updateUser(db, shellCaller(actor), (await findUser(db, userReference(reference))).userId, { role }, clock.now()));
      runtime.print(user, (result: StaffUser) => `${result.email} is now ${result.role}.`);
    });

  users.command('disable')
    .description('stop a user signing in and end their sessions now')
    .argument('<user>', 'id or email')
    .action(async (reference: string) => {
      const user = await runtime.withStore(async ({ db, actor, clock }) => updateUser(db, shellCaller(actor), (await findUser(db, userReference(reference))).userId, { disabled: true }, clock.now()));
      runtime.print(user, (result: StaffUser) => `${result.email} is disabled and signed out everywhere.`);
    });

  users.command('enable')
    .description('let a disabled user sign in again')
    .argument('<user>', 'id or email')
    .action(async (reference: string) => {
      const user = await runtime.withStore(async ({ db, actor, clock }) => updateUser(db, shellCaller(actor), (await findUser(db, userReference(reference))).userId, { disabled: false }, clock.now()));
      runtime.print(user, (result: StaffUser) => `${result.email} can sign in again.`);
    });

  withExamples(users.command('reset-password')
    .description('give a user who forgot their password a new one-time password, printed once; their sessions end')
    .argument('<user>', 'id or email'), [
    ['clientele users reset-password sari@example.com', 'prints a one-time password; Sari chooses her own at the next sign-in'],
  ])
    .action(async (reference: string) => {
      const reset = await runtime.withStore(async ({ db, actor }) => resetStaffPassword(db, shellCaller(actor), (await findUser(db, userReference(reference))).userId));
      runtime.print(reset, (result: typeof reset) =>
        `${result.user.email} is signed out everywhere.\nOne-time password (shown once; they must change it at the next sign-in): ${result.oneTimePassword}`);
    });
}
