/**
 * Every action the server writes to the audit log (grep `action: '` under src; audit-actions.test.ts
 * keeps this list complete), in the order a filter lists them: people and access first, then data.
 */
export const auditActions = [
  'auth.sign-in', 'auth.sign-in.fail', 'auth.sign-in.rate-limited', 'auth.sign-out', 'auth.password.fail', 'auth.password.rate-limited', 'access.refused',
  'user.create', 'user.update', 'user.password.change', 'user.password.reset',
  'api-key.create', 'api-key.revoke',
  'customer.create', 'customer.update', 'customer.identity.remove', 'customer.delete', 'erasure-suppression.remove', 'customer.export', 'customer.merge', 'customer.merge.undo',
  'import.complete', 'import.fail', 'customer.import.join', 'consent.override',
  'segment.create', 'segment.update', 'segment.delete',
  'personas.discover', 'persona.update',
  'alert.acknowledge', 'alert.reopen',
  'analytics.policy.update', 'settings.update', 'settings.rate.set',
  'store.backup', 'store.restore',
] as const;

/** The i18n key of an action's name; an action this app does not know is shown as written. */
export function auditActionKey(action: string): string | null {
  return (auditActions as readonly string[]).includes(action) ? `settings.audit.actions.${action.replace(/[.-]/g, '_')}` : null;
}
