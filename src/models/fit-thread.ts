import { Worker } from 'node:worker_threads';
import { AppError } from '../core/errors.js';
import { workerSource } from '../core/worker-source.js';
import { runFitJob, transferablesOf, type FitJobKind, type FitJobOf, type FitJobResults, type FitWorkerReply } from './fit-jobs.js';

/**
 * Runs a fit job (fit-jobs.ts) on a worker thread of its own. The fits and the per-customer
 * predictions take seconds on a large store, and on the main thread they held every request
 * meanwhile, health checks included (16k customers: GET /api/health waited 20–25 s during a
 * prediction; a Pareto/NBD run held the event loop 3.5 s here, 6.6 s at 100k). The job's typed arrays are
 * transferred, so they are empty here afterwards: take what is needed of them before. Settles once
 * the thread has ended: with the result, the job's AppError as thrown there, or an error saying
 * how the worker failed (a crash included, never a wait for an answer that cannot come).
 */
export function runInFitWorker<Kind extends FitJobKind>(job: FitJobOf<Kind>): Promise<FitJobResults[Kind]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerSource(import.meta.url, 'fit-worker'), { eval: true, workerData: job, transferList: transferablesOf(job) });
    let reply: FitWorkerReply | null = null;
    let crash: Error | null = null;
    worker.once('message', (message: FitWorkerReply) => {
      reply = message;
      // its work is done: end it now rather than when its event loop runs dry
      void worker.terminate();
    });
    worker.once('error', (error) => {
      crash = error;
    });
    worker.once('exit', (exitCode) => {
      if (reply && 'result' in reply) resolve(reply.result as FitJobResults[Kind]);
      else if (reply && 'appError' in reply) reject(new AppError(reply.appError.code, reply.appError.message, reply.appError.details));
      else if (reply) reject(new Error(`The model fit worker failed: ${reply.failure}`));
      else reject(new Error(`The model fit worker stopped (exit code ${exitCode}) before it answered${crash ? `: ${crash.message}` : ''}`, { cause: crash ?? undefined }));
    });
  });
}

/**
 * Below this many customers a job runs on the calling thread: its fits take about as long as
 * starting a worker and loading the models into it (more under tsx, which compiles them there).
 */
export const fewestCustomersForWorker = 1_000;

/** Runs a fit job on a worker thread (runInFitWorker), or here when the store is small (fewestCustomersForWorker). */
export async function runFitJobInWorkerIfLarge<Kind extends FitJobKind>(job: FitJobOf<Kind>): Promise<FitJobResults[Kind]> {
  return job.summaries.count < fewestCustomersForWorker ? runFitJob(job) : runInFitWorker(job);
}
