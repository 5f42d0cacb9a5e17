import type { StaffRole } from '../db/schema.js';
import type { StaffUserRow } from './users.repo.js';

export const locales = ['en', 'id', 'lv'] as const;
export type Locale = (typeof locales)[number];

/** A staff user as services return it: never the password hash. */
export type StaffUser = {
  userId: number;
  email: string;
  name: string;
  role: StaffRole;
  locale: string;
  mustChangePassword: boolean;
  disabledAt: Date | null;
  createdAt: Date;
};

export function toStaffUser(row: StaffUserRow): StaffUser {
  return {
    userId: Number(row.user_id),
    email: row.email,
    name: row.name,
    role: row.role,
    locale: row.locale,
    mustChangePassword: row.must_change_password,
    disabledAt: row.disabled_at,
    createdAt: row.created_at,
  };
}

/** Emails compare case-insensitively in practice; storing them lower-cased keeps the unique constraint honest. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function isPlausibleEmail(email: string): boolean {
  return /^[^\s@]+@[^\s@]+$/.test(email) && email.length <= 254;
}
