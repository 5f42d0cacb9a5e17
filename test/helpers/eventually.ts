/** Polls `check` every 50 ms until it holds, or fails after `millis` naming `what` was awaited. */
export async function eventually(check: () => Promise<boolean> | boolean, millis: number, what: string): Promise<void> {
  const until = Date.now() + millis;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`not within ${millis} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
