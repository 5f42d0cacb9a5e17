import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiError, api, setCsrfToken, setSessionEndedHandler } from '../../api/client.js';
import type { Locale, Me, Permission } from '../../api/types.js';
import { isLocale } from '../../i18n/messages.js';

/** `hasSessionEnded`: signed out by the server mid-use (expired, cookie gone, user disabled), not by the person. */
type SessionState = { status: 'loading' } | { status: 'signed-out'; hasSessionEnded?: boolean } | { status: 'signed-in'; me: Me };

export type Session = {
  state: SessionState;
  /**
   * The language shown: the user's own once signed in, else the one last picked on this device (or
   * the browser's). An account that never chose one is given the one in use at sign-in.
   */
  locale: Locale;
  signIn: (email: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
  changeLocale: (locale: Locale) => Promise<void>;
  refresh: () => Promise<void>;
  can: (permission: Permission) => boolean;
  /**
   * The one-time password just typed at sign-in, kept in memory only until the person has chosen
   * their own, so the page that makes them choose does not ask for it a second time; null after a
   * reload or once used.
   */
  oneTimePassword: () => string | null;
  forgetOneTimePassword: () => void;
};

const SessionContext = createContext<Session | null>(null);
const localeStorageKey = 'clientele.locale';

/**
 * A language picked while signed in and not yet confirmed saved. A page left before the save was
 * answered (or before it was sent) would otherwise come back in the language the server still
 * holds: the pick stays on the device until the server has it, and is sent again.
 */
const pendingLocaleKey = 'clientele.locale.pending';

function pendingLocale(): Locale | null {
  const pending = window.localStorage.getItem(pendingLocaleKey);
  return isLocale(pending) ? pending : null;
}

function deviceLocale(): Locale {
  const saved = window.localStorage.getItem(localeStorageKey);
  if (isLocale(saved)) return saved;
  const browser = window.navigator.language.slice(0, 2);
  return isLocale(browser) ? browser : 'en';
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [locale, setLocale] = useState<Locale>(deviceLocale);
  // a language picked on the sign-in page is what the person wants now: it is saved to their
  // account when they sign in, rather than replaced by the one stored there; so is the one in use
  // when the account has none yet, so other devices, the CLI and the API agree with this one
  const localeNow = useRef(locale);
  localeNow.current = locale;
  const isLocalePickedSignedOut = useRef(false);

  const adopt = useCallback((me: Me) => {
    setCsrfToken(me.csrfToken);
    if (isLocale(me.locale)) {
      setLocale(me.locale);
      window.localStorage.setItem(localeStorageKey, me.locale);
    }
    setState({ status: 'signed-in', me });
  }, []);

  // Saves of the language run one after another and a pick replaced before its turn is not sent:
  // sent side by side, an earlier pick could reach the server (or answer) last and undo the later one.
  const localeSaves = useRef<Promise<unknown>>(Promise.resolve());
  const latestLocalePick = useRef(0);
  const localeBeingSaved = useRef<Locale | null>(null);
  const saveLocale = useCallback((next: Locale) => {
    window.localStorage.setItem(pendingLocaleKey, next);
    localeBeingSaved.current = next;
    const pick = ++latestLocalePick.current;
    const saving = localeSaves.current.catch(() => undefined).then(async () => {
      if (pick !== latestLocalePick.current) return;
      try {
        const me = await api.patch<Me>('/api/auth/me', { locale: next });
        if (pick !== latestLocalePick.current) return;
        localeBeingSaved.current = null;
        if (pendingLocale() === me.locale) window.localStorage.removeItem(pendingLocaleKey);
        adopt(me);
      } catch (error) {
        // a pick already replaced failing is no news: the later one is saved next
        if (pick !== latestLocalePick.current) return;
        localeBeingSaved.current = null;
        throw error;
      }
    });
    localeSaves.current = saving;
    return saving;
  }, [adopt]);

  const refresh = useCallback(async () => {
    try {
      const me = await api.get<Me>('/api/auth/me');
      // the server's language is older than a pick it has not confirmed: shown as picked, and sent again
      const pending = pendingLocale();
      if (pending !== null && pending !== me.locale) {
        adopt({ ...me, locale: pending });
        // once: a second read of the session while the save is under way does not send it again
        if (localeBeingSaved.current !== pending) saveLocale(pending).catch(() => undefined);
        return;
      }
      window.localStorage.removeItem(pendingLocaleKey);
      adopt(me);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setState({ status: 'signed-out' });
      else throw error;
    }
  }, [adopt, saveLocale]);

  useEffect(() => {
    refresh().catch(() => setState({ status: 'signed-out' }));
  }, [refresh]);

  // The sign-in page then shows at the same address, so signing in again returns to it.
  useEffect(() => {
    setSessionEndedHandler(() => {
      setCsrfToken(null);
      setState((current) => (current.status === 'signed-in' ? { status: 'signed-out', hasSessionEnded: true } : current));
    });
    return () => setSessionEndedHandler(null);
  }, []);

  const signInPassword = useRef<string | null>(null);
  const oneTimePassword = useCallback(() => signInPassword.current, []);
  const forgetOneTimePassword = useCallback(() => { signInPassword.current = null; }, []);

  const signIn = useCallback(async (email: string, password: string) => {
    const result = await api.post<{ csrfToken: string; user: { mustChangePassword: boolean; locale: string | null } }>('/api/auth/login', { email, password });
    setCsrfToken(result.csrfToken);
    signInPassword.current = result.user.mustChangePassword ? password : null;
    const isPicked = isLocalePickedSignedOut.current;
    isLocalePickedSignedOut.current = false;
    // a pick left unsaved by an earlier session is not this account's to take
    window.localStorage.removeItem(pendingLocaleKey);
    if ((isPicked || result.user.locale === null) && result.user.locale !== localeNow.current) {
      // the sign-in has succeeded: a language that cannot be saved must not read as a failed sign-in
      const saved = await api.patch<Me>('/api/auth/me', { locale: localeNow.current }).catch(() => null);
      if (saved) {
        adopt(saved);
        return;
      }
    }
    await refresh();
  }, [refresh, adopt]);

  const signOut = useCallback(async () => {
    signInPassword.current = null;
    window.localStorage.removeItem(pendingLocaleKey);
    await api.post('/api/auth/logout').catch(() => undefined);
    setCsrfToken(null);
    setState({ status: 'signed-out' });
  }, []);

  // shown at once; saved on the side, one save after another (saveLocale)
  const changeLocale = useCallback(async (next: Locale) => {
    if (state.status !== 'signed-in') isLocalePickedSignedOut.current = true;
    setLocale(next);
    window.localStorage.setItem(localeStorageKey, next);
    if (state.status !== 'signed-in') return;
    await saveLocale(next);
  }, [state.status, saveLocale]);

  const can = useCallback((permission: Permission) => state.status === 'signed-in' && state.me.permissions.includes(permission), [state]);

  return <SessionContext.Provider value={{ state, locale, signIn, signOut, changeLocale, refresh, can, oneTimePassword, forgetOneTimePassword }}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside <SessionProvider>');
  return session;
}

export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useMe before sign-in');
  return state.me;
}
