import { normalizeEmail } from './staff-user.js';

/**
 * The LIKE patterns an audit `actor` filter matches besides the actor as
 * written (its formats are in caller.ts). People ask for someone as they know
 * them: `user:2` or `api-key:7` finds every entry by that user or key, whatever
 * email or name it carried then; an email finds the user who signed with it;
 * any other word finds an API key of that name or a command-line login.
 */
export function actorFilterPatterns(filter: string): string[] {
  const value = filter.trim();
  if (/^(user|api-key):\d+$/.test(value)) return [`${value}:%`];
  if (value.includes('@')) return [`user:%:${escapeLike(normalizeEmail(value))}`];
  return [`api-key:%:${escapeLike(value)}`, `cli:${escapeLike(value)}`];
}

/** A LIKE pattern matching `text` literally (backslash is the default escape). */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
