import { ApiError } from './client.js';
import type { I18n } from '../i18n/i18n-context.js';

/** What the app says about a failed request: a title fitting what went wrong, and the message in the user's language. */
export type ErrorText = {
  title: string;
  message: string;
  /** The server's own message (English, naming the value and the fix) when `message` is a translation of it. */
  original: string | null;
  code: string | null;
};

// fetch rejects with a bare TypeError when no answer came at all (offline, server down, connection
// cut), worded by each browser in English its own way; a TypeError of the app's own (a bug) is not that
const unreachableWording = /failed to fetch|networkerror|load failed|fetch failed|network connection was lost/i;
function isUnreachable(error: Error): boolean {
  return error instanceof TypeError && unreachableWording.test(error.message);
}

function titleKeyOf(status: number, code: string): string {
  // a refusal while other heavy work runs is no one's mistake: "too many attempts" would read as blame
  if (code.startsWith('HEAVY_WORK_')) return 'errors.titles.busy';
  if (status === 400 || status === 409 || status === 415 || status === 422) return 'errors.titles.check';
  if (status === 401) return 'errors.titles.signIn';
  if (status === 403) return 'errors.titles.forbidden';
  if (status === 404) return 'errors.titles.notFound';
  if (status === 429) return 'errors.titles.tooMany';
  return 'common.errorTitle';
}

/**
 * The server writes its messages in English, naming the field, the value and the fix. In English they
 * are shown as sent (but a field's REQUEST_INVALID, worded by the validator, which is said in words
 * as in the other languages); in another language a message known by its code is translated (with the field
 * and permission it names) and the English one kept beside it for support; an unknown code is shown
 * as sent. An answer with no message of its own (a proxy's bare 502, code HTTP_ERROR) is said in
 * words in English too.
 */
export function describeError(error: Error, t: I18n['t'], locale: string): ErrorText {
  if (isUnreachable(error)) return { title: t('errors.titles.unreachable'), message: t('errors.unreachable'), original: error.message, code: null };
  if (!(error instanceof ApiError)) return { title: t('common.errorTitle'), message: error.message, original: null, code: null };
  const title = t(titleKeyOf(error.status, error.code));
  const key = `errors.codes.${error.code}`;
  // a value refused as invalid for a field is said in words in English too: the server's text there
  // is its validator's ("Too small: expected string to have >=1 characters"), kept for support
  const isValidatorText = error.code === 'REQUEST_INVALID' && (error.field ?? '') !== '';
  const isSaidAsSent = locale === 'en' && error.message.trim() !== '' && !isValidatorText;
  const translated = isSaidAsSent ? key : t(key, variablesOf(error, t, locale));
  if (translated === key) return { title, message: error.message, original: null, code: error.code };
  return { title, message: translated, original: error.message.trim() === '' ? null : error.message, code: error.code };
}

function variablesOf(error: ApiError, t: I18n['t'], locale: string): Record<string, string> {
  const field = error.field ?? '';
  const fieldKey = `errors.fields.${field}`;
  const fieldLabel = t(fieldKey);
  const permission = typeof error.details?.permission === 'string' ? error.details.permission : '';
  // the roles that have the permission a refusal names, as the server derived them from its role table
  const roles = Array.isArray(error.details?.roles) ? error.details.roles.filter((role): role is string => typeof role === 'string') : [];
  const roleNames = new Intl.ListFormat(locale, { type: 'conjunction' }).format(roles.map((role) => t(`roles.${role}`)));
  // a request refused as a whole (no field named) is about the data sent
  const noField = error.code === 'REQUEST_INVALID' ? t('errors.fields.body') : '—';
  return { field: field === '' ? noField : fieldLabel === fieldKey ? field : fieldLabel, permission, roles: roleNames || '—' };
}
