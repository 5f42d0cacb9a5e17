/**
 * Session lifetime: a session lasts 12 hours after its last use (a working day
 * with breaks) and never more than 7 days after sign-in, so a stolen cookie
 * stops working within a week even if it is used constantly.
 */
export const sessionIdleMs = 12 * 60 * 60 * 1000;
export const sessionAbsoluteMs = 7 * 24 * 60 * 60 * 1000;
/** Writing last_seen_at on every request would turn every read into a write; once a minute is plenty. */
export const sessionTouchIntervalMs = 60 * 1000;

export const sessionCookieName = 'clientele_session';

export function sessionExpiresAt(createdAt: Date, lastSeenAt: Date): Date {
  return new Date(Math.min(lastSeenAt.getTime() + sessionIdleMs, createdAt.getTime() + sessionAbsoluteMs));
}

export function isSessionExpired(expiresAt: Date, now: Date): boolean {
  return now.getTime() >= expiresAt.getTime();
}

export function shouldTouchSession(lastSeenAt: Date, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= sessionTouchIntervalMs;
}

export type SessionCookieOptions = {
  httpOnly: true;
  sameSite: 'lax';
  path: '/';
  secure: boolean;
  maxAge: number;
};

/**
 * httpOnly keeps the token from scripts; SameSite=Lax stops cross-site posts
 * (the CSRF header is the second line); Secure only behind TLS, or the cookie
 * would never be sent back over plain http on a local install.
 */
export function sessionCookieOptions(isBehindTls: boolean): SessionCookieOptions {
  return { httpOnly: true, sameSite: 'lax', path: '/', secure: isBehindTls, maxAge: Math.floor(sessionAbsoluteMs / 1000) };
}

/** Methods that change nothing and so need no CSRF token. */
export function isSafeMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS';
}
