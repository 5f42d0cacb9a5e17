import type { Permission } from './permissions.js';

/**
 * What each permission lets its holder do, as a refusal says it: a permission's name alone does
 * not tell an agent refused a deletion that "customers:merge" is what deleting needs. Every route
 * requiring the permission is covered (the routes' `access`), so the refusal names the action asked for.
 */
export const permissionActions: Record<Permission, string> = {
  'account:manage': 'managing your own account: password, language, signing out',
  'customers:read': 'reading and searching customers, import runs and the store settings',
  'customers:write': 'creating and editing customers, removing their identities and settling overdue-customer alerts',
  'customers:merge': 'merging customers, undoing merges and deleting customers',
  'customers:export': 'exporting everything held about a customer, as a subject access request asks',
  'ingest:write': 'importing customers, orders, products and events',
  'consent:override': 'importing customers as the consent authority (consentOverridesRefusals), whose yes replaces a consent the customer refused',
  'analytics:read': 'reading customer types, segments, personas, models, alerts and reports',
  'analytics:write': 'running analyses and models, and saving segments, personas, type thresholds and alerts',
  'settings:write': 'changing the store settings and exchange rates',
  'users:manage': 'managing staff users',
  'api-keys:manage': 'managing API keys',
  'audit:read': 'reading the audit log',
};
