import { useCallback, useState } from 'react';

export type ApiAction = {
  /** Runs a change (a request and what follows it); a failure is kept in `error` for the form to show. */
  run: (action: () => Promise<void>) => Promise<void>;
  isBusy: boolean;
  error: Error | null;
  setError: (error: Error | null) => void;
};

/** What every form that sends a change keeps: whether it is under way, and why the last one failed. */
export function useApiAction(): ApiAction {
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const run = useCallback(async (action: () => Promise<void>) => {
    setIsBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(caught as Error);
    } finally {
      setIsBusy(false);
    }
  }, []);
  return { run, isBusy, error, setError };
}
