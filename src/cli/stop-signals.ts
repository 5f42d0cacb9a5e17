import { signalExitCodes, type StopSignal } from './exit-codes.js';

export type StopSignals = {
  /** The signal that asked the command to stop, or null. */
  received(): StopSignal | null;
  /** Gives the signals back their default handling (the command is done). */
  dispose(): void;
};

/**
 * Catches SIGINT and SIGTERM while a long command runs, so it can stop where its work is
 * whole (an import: after the batch being written commits, or at its end when that batch is
 * the file's last) and close the store, which releases its lock, instead of dying mid-way. A
 * second signal stops the process at once, as a kill would: what was committed stays, and the
 * lock is removed as the process exits.
 */
export function watchStopSignals(what: string): StopSignals {
  let received: StopSignal | null = null;
  const onSignal = (signal: StopSignal) => {
    if (received) {
      process.stderr.write(`${signal} again: stopping at once.\n`);
      process.exit(signalExitCodes[signal]);
    }
    received = signal;
    process.stderr.write(`${signal} received: stopping ${what}; ${signal === 'SIGINT' ? 'Ctrl-C' : 'the signal'} again stops at once.\n`);
  };
  const onInterrupt = () => onSignal('SIGINT');
  const onTerminate = () => onSignal('SIGTERM');
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onTerminate);
  return {
    received: () => received,
    dispose: () => {
      process.off('SIGINT', onInterrupt);
      process.off('SIGTERM', onTerminate);
    },
  };
}

/**
 * A check for a long command to call between its steps: it lets a signal that came meanwhile be
 * handled (a turn of the event loop: work in the embedded store runs in this process, and may
 * otherwise keep the handler waiting until the work ends), then throws `stopping(signal)` if one did.
 */
export function stopWhenAsked(signals: StopSignals, stopping: (signal: StopSignal) => Error): () => Promise<void> {
  return async () => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    const signal = signals.received();
    if (signal) throw stopping(signal);
  };
}
