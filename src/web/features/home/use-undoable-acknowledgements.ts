import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api/client.js';
import { fillPath } from '../../api/endpoints.js';

/** How long "Acknowledged · Undo" stays once focus has left the Undo button (it stays while focus is on it). */
export const undoWindowMs = 10_000;

type Paths = { acknowledgePath: string | null; reopenPath: string | null };
type Callbacks = {
  /** After the last open undo window has closed: the list may reload, which the acknowledged alerts leave for good. */
  onSettled?: () => void;
  onAcknowledged?: (alertId: number, canUndo: boolean) => void;
  onReopened?: (alertId: number) => void;
};

export type UndoableAcknowledgements = {
  /** Acknowledged alerts still shown as "Acknowledged · Undo". */
  undoable: ReadonlySet<number>;
  /** Acknowledged alerts whose undo window has closed: no longer shown. */
  hidden: ReadonlySet<number>;
  pending: number | null;
  error: Error | null;
  acknowledge: (alertId: number) => Promise<void>;
  undo: (alertId: number) => Promise<void>;
  /** Holds an undo window open, e.g. while its Undo button has focus, so a keyboard or screen-reader user is not raced by a timer. */
  holdWindow: (alertId: number) => void;
  releaseWindow: (alertId: number) => void;
};

/**
 * Acknowledging with an undo: an acknowledged alert keeps its row, as
 * "Acknowledged · Undo", until its window closes; Undo reopens it. Without a
 * reopen route (an older server) an acknowledged alert leaves at once.
 */
export function useUndoableAcknowledgements({ acknowledgePath, reopenPath }: Paths, callbacks: Callbacks): UndoableAcknowledgements {
  const [undoable, setUndoable] = useState<ReadonlySet<number>>(new Set());
  const [hidden, setHidden] = useState<ReadonlySet<number>>(new Set());
  const [pending, setPending] = useState<number | null>(null);
  const [error, setError] = useState<Error | null>(null);
  // open windows and their timers (null while held); read by timer callbacks, hence a ref rather than state
  const windows = useRef(new Map<number, ReturnType<typeof setTimeout> | null>());
  const closedSinceSettled = useRef(0);
  const pendingRef = useRef<number | null>(null);
  const latest = useRef(callbacks);
  latest.current = callbacks;

  useEffect(() => () => { for (const timer of windows.current.values()) if (timer) clearTimeout(timer); }, []);

  const settleWhenNoWindowIsOpen = useCallback(() => {
    if (windows.current.size > 0 || closedSinceSettled.current === 0) return;
    closedSinceSettled.current = 0;
    latest.current.onSettled?.();
  }, []);

  const closeWindow = useCallback((alertId: number) => {
    windows.current.delete(alertId);
    setUndoable((current) => without(current, alertId));
    setHidden((current) => new Set([...current, alertId]));
    closedSinceSettled.current += 1;
    settleWhenNoWindowIsOpen();
  }, [settleWhenNoWindowIsOpen]);

  const holdWindow = useCallback((alertId: number) => {
    const timer = windows.current.get(alertId);
    if (timer) clearTimeout(timer);
    if (windows.current.has(alertId)) windows.current.set(alertId, null);
  }, []);

  const startWindow = useCallback((alertId: number) => {
    holdWindow(alertId);
    windows.current.set(alertId, setTimeout(() => closeWindow(alertId), undoWindowMs));
  }, [closeWindow, holdWindow]);

  // not while its Undo is on its way: the row must not close under a request that reopens it
  const releaseWindow = useCallback((alertId: number) => {
    if (windows.current.has(alertId) && pendingRef.current !== alertId) startWindow(alertId);
  }, [startWindow]);

  const run = async (alertId: number, path: string, onDone: () => void) => {
    pendingRef.current = alertId;
    setPending(alertId);
    setError(null);
    try {
      await api.post(fillPath(path, { alertId }));
      onDone();
    } catch (caught) {
      setError(caught as Error);
    } finally {
      pendingRef.current = null;
      setPending(null);
    }
  };

  const acknowledge = async (alertId: number) => {
    if (!acknowledgePath || pendingRef.current !== null) return;
    await run(alertId, acknowledgePath, () => {
      if (!reopenPath) {
        setHidden((current) => new Set([...current, alertId]));
        latest.current.onAcknowledged?.(alertId, false);
        latest.current.onSettled?.();
        return;
      }
      startWindow(alertId);
      setUndoable((current) => new Set([...current, alertId]));
      latest.current.onAcknowledged?.(alertId, true);
    });
  };

  const undo = async (alertId: number) => {
    if (!reopenPath || pendingRef.current !== null || !windows.current.has(alertId)) return;
    holdWindow(alertId);
    await run(alertId, reopenPath, () => {
      windows.current.delete(alertId);
      setUndoable((current) => without(current, alertId));
      latest.current.onReopened?.(alertId);
      settleWhenNoWindowIsOpen();
    });
    // a failed undo leaves the window open, counting again
    releaseWindow(alertId);
  };

  return { undoable, hidden, pending, error, acknowledge, undo, holdWindow, releaseWindow };
}

function without(set: ReadonlySet<number>, value: number): ReadonlySet<number> {
  const next = new Set(set);
  next.delete(value);
  return next;
}
