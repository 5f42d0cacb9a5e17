import type { OwnerBootstrap } from '../auth/owner-bootstrap.js';

/**
 * The start-up line that tells a person how to sign in. On a store that already has staff it
 * names the owners who can actually sign in: the configured owner email may never have been
 * created (a first command such as `users create --role agent` made someone else first), and
 * naming it sent people to an account that does not exist.
 */
export function signInLine(owner: OwnerBootstrap, activeOwnerEmails: readonly string[]): string {
  if (owner.created) {
    return owner.isOneTimePassword
      ? `Sign in as ${owner.email} with the one-time password: ${owner.password}  (you will be asked to change it)`
      : `Sign in as ${owner.email} with the password from CLIENTELE_OWNER_PASSWORD.`;
  }
  if (activeOwnerEmails.length === 0) {
    return 'No owner can sign in (none exists, or every owner is disabled): add one with '
      + '`clientele users create --role owner --email you@example.com --name "Your Name"`, which prints a one-time password.';
  }
  const shown = activeOwnerEmails.slice(0, 3).join(', ');
  const more = activeOwnerEmails.length > 3 ? ` and ${activeOwnerEmails.length - 3} more` : '';
  return `Sign in with your staff account (owner${activeOwnerEmails.length === 1 ? '' : 's'}: ${shown}${more}).`;
}
