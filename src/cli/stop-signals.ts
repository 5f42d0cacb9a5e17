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
 * Runs a long command that can stop whole between its steps: `work` calls the check it is given
 * between them, which lets a signal that came meanwhile be handled (a turn of the event loop: work in
 * the embedded store runs in this process, and may otherwise keep the handler waiting until the work
 * ends) and then throws `stopped(signal)`. A signal after the last check is said (`done`: what was
 * whole by then), and the work completes. The signals get their default handling back at the end.
 */
export async function runStoppable<T>(stop: { what: string; stopped: (signal: StopSignal) => Error; done: string }, work: (stopIfAsked: () => Promise<void>) => Promise<T>): Promise<T> {
  const signals = watchStopSignals(stop.what);
  const stopIfAsked = async () => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    const signal = signals.received();
    if (signal) throw stop.stopped(signal);
  };
  try {
    const result = await work(stopIfAsked);
    const late = signals.received();
    if (late) process.stderr.write(`${late} came after ${stop.done}: it completed instead of stopping.\n`);
    return result;
  } finally {
    signals.dispose();
  }
}
