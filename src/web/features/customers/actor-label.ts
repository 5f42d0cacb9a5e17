import type { I18n } from '../../i18n/i18n-context.js';

/**
 * Who did something, for people: the audit actor (src/auth/caller.ts) is
 * `user:<id>:<email>`, `api-key:<id>:<name>`, `cli:<login>`, `system` or `system:demo`. A person
 * is named by their email, the one thing the actor carries that staff know them
 * by; to a caller who may not read staff emails the server gives `user:<id>`
 * alone (src/auth/actor-display.ts), named "staff member #5" rather than as
 * code. Anything else unknown is shown as written.
 */
export function actorLabel(actor: string, t: I18n['t']): string {
  const user = /^user:\d+:(.+)$/.exec(actor);
  if (user) return user[1];
  const staffMember = /^user:(\d+)$/.exec(actor);
  if (staffMember) return t('merge.actors.staffMember', { id: staffMember[1] });
  const apiKey = /^api-key:\d+:(.+)$/.exec(actor);
  if (apiKey) return t('merge.actors.apiKey', { name: apiKey[1] });
  const commandLine = /^cli:(.+)$/.exec(actor);
  if (commandLine) return t('merge.actors.commandLine', { name: commandLine[1] });
  if (actor === 'system') return t('merge.actors.system');
  // the demo store's loads (src/demo/load-demo.ts); another part of the system by its general name
  if (actor === 'system:demo') return t('merge.actors.demo');
  if (actor.startsWith('system:')) return t('merge.actors.system');
  return actor;
}

/**
 * Whether the actor is the reader: `user:<id>` with or without the email, compared with the
 * signed-in user's id. The server names staff by their id to every reader, so a reader without
 * `audit:read` is told their own edits are theirs here rather than read as "staff member #5".
 */
export function isReaderActor(actor: string, readerUserId: number | null | undefined): boolean {
  const user = /^user:(\d+)(?::|$)/.exec(actor);
  return user !== null && readerUserId !== null && readerUserId !== undefined && Number(user[1]) === readerUserId;
}
