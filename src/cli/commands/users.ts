import type { Command } from 'commander';
import { isStaffRole, roles } from '../../auth/permissions.js';
import { AppError } from '../../core/errors.js';
import type { StaffRole } from '../../db/schema.js';
import type { CliRuntime } from '../runtime.js';
import { withExamples } from '../examples.js';

/** The commands' work, loaded when one of them runs: it needs the store and the auth domain (password hashing). */
const run = () => import('./users-run.js');

/** A parser of a role, as `--role` or as `<role>`: the refusal names whichever was given. */
const roleOf = (role: string) => (value: string): StaffRole => {
  if (!isStaffRole(value)) throw new AppError('CLI_ARGUMENT_INVALID', `${role} takes one of ${roles.join(', ')}, not "${value.slice(0, 40)}".`, { field: role });
  return value;
};

export function registerUsersCommand(program: Command, runtime: CliRuntime): void {
  const users = program.command('users').description('staff users who sign in to the web app (acts with the owner’s rights)');

  withExamples(users.command('list').description('all staff users'), [
    ['clientele users list', 'ids, emails, roles and who is disabled'],
  ]).action(async () => (await run()).runUsersList(runtime));

  withExamples(users.command('create')
    .description('create a staff user; without --password a one-time password is printed once')
    .requiredOption('--email <email>', 'the address they sign in with')
    .requiredOption('--name <name>', 'their name as the web app shows it')
    .requiredOption('--role <role>', roles.join(' | '), roleOf('--role'))
    .option('--password <password>', 'their password (at least 10 characters); prefer leaving it out so it is not in shell history'), [
    ['clientele users create --email sari@example.com --name "Sari Wulandari" --role marketer', 'prints a one-time password'],
  ])
    .action(async (options: { email: string; name: string; role: StaffRole; password?: string }) => (await run()).runUsersCreate(runtime, options));

  withExamples(users.command('set-role')
    .description("change a user's role")
    .argument('<user>', 'id or email')
    .argument('<role>', roles.join(' | '), roleOf('<role>')), [
    ['clientele users set-role sari@example.com analyst', 'read-only from the next request'],
  ])
    .action(async (reference: string, role: StaffRole) => (await run()).runUsersSetRole(runtime, reference, role));

  withExamples(users.command('update')
    .description("change a user's name or the email they sign in with (their sessions go on)")
    .argument('<user>', 'id or email')
    .option('--name <name>', 'their name as the web app shows it')
    .option('--email <email>', 'the address they sign in with from now on'), [
    ['clientele users update owner@clientele.local --name "Budi Santoso" --email budi@example.com', 'the first owner, named, signs in as budi@example.com'],
  ])
    .action(async (reference: string, options: { name?: string; email?: string }) => {
      if (options.name === undefined && options.email === undefined) throw new AppError('CLI_ARGUMENT_INVALID', 'Give --name, --email or both: what to change.', { field: '--name' });
      return (await run()).runUsersUpdate(runtime, reference, options);
    });

  withExamples(users.command('disable')
    .description('stop a user signing in and end their sessions now')
    .argument('<user>', 'id or email'), [
    ['clientele users disable sari@example.com', 'signed out everywhere at once'],
  ])
    .action(async (reference: string) => (await run()).runUsersDisable(runtime, reference));

  withExamples(users.command('enable')
    .description('let a disabled user sign in again')
    .argument('<user>', 'id or email'), [
    ['clientele users enable sari@example.com', 'Sari can sign in again'],
  ])
    .action(async (reference: string) => (await run()).runUsersEnable(runtime, reference));

  withExamples(users.command('reset-password')
    .description('give a user who forgot their password a new one-time password, printed once; their sessions end')
    .argument('<user>', 'id or email'), [
    ['clientele users reset-password sari@example.com', 'prints a one-time password; Sari chooses her own at the next sign-in'],
  ])
    .action(async (reference: string) => (await run()).runUsersResetPassword(runtime, reference));
}
