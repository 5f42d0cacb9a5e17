import type { I18n } from '../../i18n/i18n-context.js';
import { personName } from './person-name.js';

/**
 * A person as a row's controls name them for a screen reader: the name, and the address they sign in
 * with beside it, since two people may share a name (a person without a name is the address alone).
 */
export function personLabel(person: { name: string; email: string }): string {
  const name = personName(person);
  return name === person.email ? name : `${name} (${person.email})`;
}

/**
 * The accessible names of a team row's controls. The buttons show a short word ("Disable"); each
 * is named by its action and the person (beginning with the word shown), so a screen reader, which
 * reads a button out of its row, says whom it acts on.
 */
export function teamRowLabels(t: I18n['t'], member: { name: string; email: string }) {
  const person = personLabel(member);
  return {
    role: t('settings.team.roleOf', { name: person }),
    saveRole: t('settings.team.saveRoleOf', { person }),
    cancelRole: t('settings.team.cancelRoleOf', { person }),
    disable: t('settings.team.disableOf', { person }),
    enable: t('settings.team.enableOf', { person }),
    resetPassword: t('settings.team.resetPasswordOf', { person }),
    editDetails: t('settings.team.editDetailsOf', { name: person }),
  };
}

/** The key as its row shows it: its prefix, never its secret. */
export function apiKeyPrefixShown(apiKey: { prefix: string }): string {
  return `clt_${apiKey.prefix}_…`;
}

/** The accessible name of a key row's Revoke button: the key's name and prefix (names may repeat). */
export function revokeKeyLabel(t: I18n['t'], apiKey: { name: string; prefix: string }): string {
  return t('settings.apiKeys.revokeOf', { name: apiKey.name, prefix: apiKeyPrefixShown(apiKey) });
}
