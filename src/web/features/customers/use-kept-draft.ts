import { useCallback, useEffect, useRef, useState } from 'react';
import { keepOnSessionEnd } from '../../api/client.js';
import { useSession } from '../auth/session-context.js';
import { keptDraftKey, keptDraftOf, keptDraftText } from './kept-draft.js';

// storage may be refused (a browser's strict privacy mode): the form then works as before, without keeping
export function tabStorage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

export type KeptDraft<T> = { draft: T; setDraft: (draft: T) => void; isRestored: boolean; forget: () => void };

/**
 * A form's state that survives the session ending under it: put aside when the sign-in page takes
 * the page's place (keepOnSessionEnd), and given back once, when the same person has signed in
 * again at the same address. `readDraft` checks what storage gives back; an empty draft is not kept.
 */
export function useKeptDraft<T>(page: string, empty: T, readDraft: (kept: unknown) => T | null): KeptDraft<T> {
  const { state } = useSession();
  const userId = state.status === 'signed-in' ? state.me.userId : null;
  const key = keptDraftKey(page);
  const [restored] = useState(() => {
    const kept = userId === null ? null : keptDraftOf(tabStorage()?.getItem(key) ?? null, userId);
    return kept === null ? null : readDraft(kept);
  });
  const [draft, setDraft] = useState<T>(restored ?? empty);
  const latest = useRef(draft);
  const emptyText = useRef(JSON.stringify(empty));
  useEffect(() => { latest.current = draft; }, [draft]);
  // given back once: a later visit to the page starts empty, as does another person's sign-in
  useEffect(() => { tabStorage()?.removeItem(key); }, [key]);
  useEffect(() => {
    if (userId === null) return undefined;
    return keepOnSessionEnd(() => {
      if (JSON.stringify(latest.current) !== emptyText.current) tabStorage()?.setItem(key, keptDraftText(userId, latest.current));
    });
  }, [key, userId]);
  const forget = useCallback(() => { tabStorage()?.removeItem(key); }, [key]);
  return { draft, setDraft, isRestored: restored !== null, forget };
}
