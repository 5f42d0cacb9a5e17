/**
 * Counts attempts per key in fixed one-window buckets. In memory and per
 * process: enough to slow password guessing against one server; a restart
 * resets it, which an attacker cannot trigger.
 */
export type AttemptLimiter = {
  /** Records an attempt; false when the key has used up its window. */
  tryAttempt: (key: string, now: Date) => boolean;
  /**
   * Records an attempt, and says whether it is the window's first refusal: worth
   * auditing once, where auditing every refusal would let a flood flood the log.
   */
  attempt: (key: string, now: Date) => { isAllowed: boolean; isFirstRefusal: boolean };
};

export function createAttemptLimiter(options: { max: number; windowMs: number }): AttemptLimiter {
  const buckets = new Map<string, { windowStart: number; count: number }>();
  const attempt: AttemptLimiter['attempt'] = (key, now) => {
    const time = now.getTime();
    // Drop stale buckets as we go so the map cannot grow without bound.
    if (buckets.size > 10_000) for (const [staleKey, bucket] of buckets) if (time - bucket.windowStart >= options.windowMs) buckets.delete(staleKey);
    const bucket = buckets.get(key);
    if (!bucket || time - bucket.windowStart >= options.windowMs) {
      buckets.set(key, { windowStart: time, count: 1 });
      return { isAllowed: true, isFirstRefusal: false };
    }
    bucket.count += 1;
    return { isAllowed: bucket.count <= options.max, isFirstRefusal: bucket.count === options.max + 1 };
  };
  return { attempt, tryAttempt: (key, now) => attempt(key, now).isAllowed };
}
