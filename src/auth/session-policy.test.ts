import { describe, expect, it } from 'vitest';
import { isSafeMethod, isSessionExpired, sessionCookieOptions, sessionExpiresAt, shouldTouchSession } from './session-policy.js';

const hour = 3_600_000;
const start = new Date('2026-01-05T08:00:00Z');
const at = (hours: number) => new Date(start.getTime() + hours * hour);

describe('session lifetime', () => {
  it('expires 12 hours after the last use', () => {
    expect(sessionExpiresAt(start, at(3))).toEqual(at(15));
  });

  it('never lasts beyond 7 days after sign-in, however often it is used', () => {
    expect(sessionExpiresAt(start, at(7 * 24 - 1))).toEqual(at(7 * 24));
  });

  it('counts a session as expired from its expiry instant on', () => {
    expect(isSessionExpired(at(12), at(11.99))).toBe(false);
    expect(isSessionExpired(at(12), at(12))).toBe(true);
  });

  it('records use at most once a minute', () => {
    expect(shouldTouchSession(start, new Date(start.getTime() + 30_000))).toBe(false);
    expect(shouldTouchSession(start, new Date(start.getTime() + 60_000))).toBe(true);
  });
});

describe('session cookie', () => {
  it('is httpOnly, SameSite=Lax and site-wide', () => {
    expect(sessionCookieOptions(false)).toMatchObject({ httpOnly: true, sameSite: 'lax', path: '/', secure: false });
  });

  it('is Secure only behind TLS, where the browser will send it back', () => {
    expect(sessionCookieOptions(true).secure).toBe(true);
  });
});

describe('CSRF-exempt methods', () => {
  it.each([['GET', true], ['HEAD', true], ['OPTIONS', true], ['POST', false], ['PATCH', false], ['PUT', false], ['DELETE', false]])('treats %s as safe: %s', (method, expected) => {
    expect(isSafeMethod(method as string)).toBe(expected);
  });
});
