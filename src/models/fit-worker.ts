import { parentPort, workerData } from 'node:worker_threads';
import { isAppError } from '../core/errors.js';
import { runFitJob, transferablesOf, type FitJob, type FitWorkerReply } from './fit-jobs.js';

// one job per thread, handed over as workerData: with nothing left to wait for, the thread ends after its reply
let reply: FitWorkerReply;
try {
  reply = { result: runFitJob(workerData as FitJob) };
} catch (error) {
  reply = isAppError(error)
    ? { appError: { code: error.code, message: error.message, details: error.details } }
    : { failure: error instanceof Error ? error.stack ?? error.message : String(error) };
}
parentPort!.postMessage(reply, transferablesOf(reply));
