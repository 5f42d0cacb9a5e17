/**
 * A form's draft put aside in sessionStorage when the session ends, so that signing in again at the
 * same address brings it back: the tab's own storage, gone with the tab, and read back only by the
 * staff member who typed it. Never for a password.
 */
export function keptDraftKey(page: string): string {
  return `clientele.draft:${page}`;
}

export function keptDraftText(userId: number, draft: unknown): string {
  return JSON.stringify({ userId, draft });
}

/** The draft kept for `userId`, or null: nothing kept, kept by someone else who signed out on this tab, or not a kept draft at all. */
export function keptDraftOf(text: string | null, userId: number): unknown {
  if (text === null) return null;
  let kept: unknown;
  try {
    kept = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof kept !== 'object' || kept === null) return null;
  const { userId: keptBy, draft } = kept as { userId?: unknown; draft?: unknown };
  return keptBy === userId && draft !== undefined ? draft : null;
}
