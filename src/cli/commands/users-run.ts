import { createStaffUser, findUser, listUsers, resetStaffPassword, shellCaller, updateUser, type StaffUser } from '../../auth/index.js';
import type { StaffRole } from '../../db/schema.js';
import type { CliRuntime } from '../runtime.js';
import { keyValues, table } from '../format.js';

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

export async function runUsersSetRole(runtime: CliRuntime, reference: string, role: StaffRole): Promise<void> {
  const user = await runtime.withStore(async ({ db, actor, clock }) => updateUser(db, shellCaller(actor), (await findUser(db, userReference(reference))).userId, { role }, clock.now()));
  runtime.print(user, (result: StaffUser) => `${result.email} is now ${result.role}.`);
}

export async function runUsersDisable(runtime: CliRuntime, reference: string): Promise<void> {
  const user = await runtime.withStore(async ({ db, actor, clock }) => updateUser(db, shellCaller(actor), (await findUser(db, userReference(reference))).userId, { disabled: true }, clock.now()));
  runtime.print(user, (result: StaffUser) => `${result.email} is disabled and signed out everywhere.`);
}

export async function runUsersEnable(runtime: CliRuntime, reference: string): Promise<void> {
  const user = await runtime.withStore(async ({ db, actor, clock }) => updateUser(db, shellCaller(actor), (await findUser(db, userReference(reference))).userId, { disabled: false }, clock.now()));
  runtime.print(user, (result: StaffUser) => `${result.email} can sign in again.`);
}

export async function runUsersResetPassword(runtime: CliRuntime, reference: string): Promise<void> {
  const reset = await runtime.withStore(async ({ db, actor }) => resetStaffPassword(db, shellCaller(actor), (await findUser(db, userReference(reference))).userId));
  runtime.print(reset, (result: typeof reset) =>
    `${result.user.email} is signed out everywhere.\nOne-time password (shown once; they must change it at the next sign-in): ${result.oneTimePassword}`);
}
