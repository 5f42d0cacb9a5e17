import { createStaffUser, findUser, listUsers, resetStaffPassword, shellCaller, updateUser, type StaffUser } from '../../auth/index.js';
import type { UserChange } from '../../auth/user-rules.js';
import type { StaffRole } from '../../db/schema.js';
import type { CliRuntime } from '../runtime.js';
import { AppError, isAppError } from '../../core/errors.js';
import { keyValues, shellQuoted, table } from '../format.js';
import { clienteleCommand } from '../store-command.js';

/** A user is named by id or by email: whichever the person at the terminal has at hand. */
const userReference = (value: string): number | string => (/^\d+$/.test(value) ? Number(value) : value);

const userRow = (user: StaffUser) => ({ id: user.userId, email: user.email, name: user.name, role: user.role, locale: user.locale, disabled: user.disabledAt ?? '', 'must change password': user.mustChangePassword ? 'yes' : '' });

export async function runUsersList(runtime: CliRuntime): Promise<void> {
  const list = await runtime.withStore(({ db }) => listUsers(db));
  runtime.print(list, (rows: StaffUser[]) => table(rows.map(userRow)));
}

export async function runUsersCreate(runtime: CliRuntime, options: { email: string; name: string; role: StaffRole; password?: string }): Promise<void> {
  const created = await runtime.withStore(({ db, actor }) => createStaffUser(db, shellCaller(actor), options));
  runtime.print(created, (result: typeof created) =>
    [keyValues(userRow(result.user)), result.oneTimePassword ? `\nOne-time password (shown once; they must change it at first sign-in): ${result.oneTimePassword}` : ''].join(''));
}

/**
 * A change to a user with whether it changed anything: the service writes and audits nothing for
 * a change to what the user already has, and the reader is told so rather than told it happened.
 */
async function changeUser(runtime: CliRuntime, reference: string, change: UserChange, isAlready: (user: StaffUser) => boolean) {
  return runtime.withStore(async ({ db, actor, clock }) => {
    const before = await findUser(db, userReference(reference));
    const user = await updateUser(db, shellCaller(actor), before.userId, change, clock.now());
    return { user, before, wasAlready: isAlready(before) };
  });
}

export async function runUsersSetRole(runtime: CliRuntime, reference: string, role: StaffRole): Promise<void> {
  const { user, wasAlready } = await changeUser(runtime, reference, { role }, (before) => before.role === role);
  runtime.print(user, (result: StaffUser) => (wasAlready ? `${result.email} is already ${result.role}: nothing changed.` : `${result.email} is now ${result.role}.`));
}

export async function runUsersUpdate(runtime: CliRuntime, reference: string, options: { name?: string; email?: string }): Promise<void> {
  const { user, before } = await changeUser(runtime, reference, options, () => false);
  const changes = [
    user.name !== before.name ? `name ${JSON.stringify(before.name)} → ${JSON.stringify(user.name)}` : null,
    user.email !== before.email ? `email ${before.email} → ${user.email}` : null,
  ].filter((change) => change !== null);
  runtime.print(user, (result: StaffUser) =>
    (changes.length === 0 ? `${result.email} already has this name and email: nothing changed.` : `User #${result.userId}: ${changes.join(', ')}.${user.email !== before.email ? ` They sign in as ${result.email} from now on.` : ''}`));
}

export async function runUsersDisable(runtime: CliRuntime, reference: string): Promise<void> {
  const { user, wasAlready } = await changeUser(runtime, reference, { disabled: true }, (before) => before.disabledAt !== null);
  runtime.print(user, (result: StaffUser) => (wasAlready ? `${result.email} is already disabled: nothing changed.` : `${result.email} is disabled and signed out everywhere.`));
}

export async function runUsersEnable(runtime: CliRuntime, reference: string): Promise<void> {
  const { user, wasAlready } = await changeUser(runtime, reference, { disabled: false }, (before) => before.disabledAt === null);
  runtime.print(user, (result: StaffUser) => (wasAlready ? `${result.email} is not disabled: they can already sign in, nothing changed.` : `${result.email} can sign in again.`));
}

export async function runUsersResetPassword(runtime: CliRuntime, reference: string): Promise<void> {
  const reset = await runtime.withStore(async ({ db, actor }) => {
    const user = await findUser(db, userReference(reference));
    try {
      return await resetStaffPassword(db, shellCaller(actor), user.userId);
    } catch (error) {
      // the API's words leave the step to the reader's client; here it is one command
      if (!isAppError(error) || error.code !== 'USER_DISABLED_CONFLICT') throw error;
      throw new AppError(error.code, `${user.email} is disabled, so a new password would not let them sign in. Enable them first with \`${clienteleCommand(`users enable ${/^[\w.+@-]+$/.test(user.email) ? user.email : shellQuoted(user.email)}`)}\`, then reset the password again.`, error.details);
    }
  });
  runtime.print(reset, (result: typeof reset) =>
    `${result.user.email} is signed out everywhere.\nOne-time password (shown once; they must change it at the next sign-in): ${result.oneTimePassword}`);
}
