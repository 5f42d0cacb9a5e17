import type { StaffRole } from '../db/schema.js';
import { firstInvisibleCharacter, invisibleCharacterProblem } from '../customers/invisible-characters.js';
import type { StaffUserRow } from './users.repo.js';

export const locales = ['en', 'id', 'lv'] as const;
export type Locale = (typeof locales)[number];

/** A staff user as services return it: never the password hash. */
export type StaffUser = {
  userId: number;
  email: string;
  name: string;
  role: StaffRole;
  /** Null until the person chooses a language (the web app saves the one they sign in with). */
  locale: string | null;
  mustChangePassword: boolean;
  disabledAt: Date | null;
  createdAt: Date;
};

/** The user fields of a row, shared by plain user rows and session-with-user rows. */
export function staffUserFieldsOf(row: Pick<StaffUserRow, 'user_id' | 'email' | 'name' | 'role' | 'locale' | 'must_change_password' | 'disabled_at'>): Omit<StaffUser, 'createdAt'> {
  return {
    userId: Number(row.user_id),
    email: row.email,
    name: row.name,
    role: row.role,
    locale: row.locale,
    mustChangePassword: row.must_change_password,
    disabledAt: row.disabled_at,
  };
}

export function toStaffUser(row: StaffUserRow): StaffUser {
  return { ...staffUserFieldsOf(row), createdAt: row.created_at };
}

/** Emails compare case-insensitively in practice; storing them lower-cased keeps the unique constraint honest. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function isPlausibleEmail(email: string): boolean {
  return /^[^\s@]+@[^\s@]+$/.test(email) && email.length <= 254 && firstInvisibleCharacter(email) === null;
}

/**
 * Why a staff email is refused for holding an invisible character, or null: unlike a customer's,
 * nothing is dropped silently, since the address is who signs in and what the audit log names.
 */
export function staffEmailInvisibleCharacter(email: string): string | null {
  const problem = invisibleCharacterProblem(email, 'the address');
  return problem && `Email ${problem}.`;
}
