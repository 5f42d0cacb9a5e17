import { describe, expect, it } from 'vitest';
import { createAttemptLimiter } from './attempt-limiter.js';

describe('attempt limiter', () => {
  const start = new Date('2026-01-05T08:00:00Z');
  const later = (ms: number) => new Date(start.getTime() + ms);

  it('allows max attempts per window and refuses the next', () => {
    const limiter = createAttemptLimiter({ max: 3, windowMs: 60_000 });
    expect([1, 2, 3, 4].map(() => limiter.tryAttempt('a', start))).toEqual([true, true, true, false]);
  });

  it('counts keys separately', () => {
    const limiter = createAttemptLimiter({ max: 1, windowMs: 60_000 });
    expect(limiter.tryAttempt('a', start)).toBe(true);
    expect(limiter.tryAttempt('b', start)).toBe(true);
    expect(limiter.tryAttempt('a', start)).toBe(false);
  });

  it('starts afresh when the window has passed', () => {
    const limiter = createAttemptLimiter({ max: 1, windowMs: 60_000 });
    limiter.tryAttempt('a', start);
    expect(limiter.tryAttempt('a', later(59_999))).toBe(false);
    expect(limiter.tryAttempt('a', later(60_000))).toBe(true);
  });

  it('marks only the first refusal of a window, and again in the next window', () => {
    const limiter = createAttemptLimiter({ max: 2, windowMs: 60_000 });
    const firstRefusals = () => [1, 2, 3, 4, 5].map(() => limiter.attempt('a', start).isFirstRefusal);
    expect(firstRefusals()).toEqual([false, false, true, false, false]);
    expect([1, 2, 3].map(() => limiter.attempt('a', later(60_000)))).toEqual([
      { isAllowed: true, isFirstRefusal: false }, { isAllowed: true, isFirstRefusal: false }, { isAllowed: false, isFirstRefusal: true },
    ]);
  });
});
