/**
 * The jobs a model-fit worker thread runs (fit-worker.ts, started by fit-thread.ts): the numeric
 * middle of fitting, validating and predicting, on plain data whose typed arrays are moved between
 * the threads, not copied.
 */
import type { ErrorDetails } from '../core/errors.js';
import { fitModelsOn, validateModelsOn } from './fit-runs.js';
import { predictFromSummaries } from './prediction-run.js';
import type { CustomerSummaries, PurchaseColumns } from './summaries.js';

export type FitJob =
  | { kind: 'fit'; summaries: CustomerSummaries; options: Parameters<typeof fitModelsOn>[1] }
  | { kind: 'validate'; purchases: PurchaseColumns; summaries: CustomerSummaries; actual: Float64Array; options: Parameters<typeof validateModelsOn>[3] }
  | { kind: 'predict'; purchases: PurchaseColumns; summaries: CustomerSummaries; options: Parameters<typeof predictFromSummaries>[2] };

export type FitJobKind = FitJob['kind'];
export type FitJobOf<Kind extends FitJobKind> = Extract<FitJob, { kind: Kind }>;
export type FitJobResults = {
  fit: ReturnType<typeof fitModelsOn>;
  validate: ReturnType<typeof validateModelsOn>;
  predict: ReturnType<typeof predictFromSummaries>;
};

/** A worker's one message: the job's result, the product error it ended with, or how it failed otherwise. */
export type FitWorkerReply =
  | { result: FitJobResults[FitJobKind] }
  | { appError: { code: string; message: string; details: ErrorDetails } }
  | { failure: string };

export function runFitJob<Kind extends FitJobKind>(job: FitJobOf<Kind>): FitJobResults[Kind] {
  const run = job as FitJob;
  switch (run.kind) {
    case 'fit': return fitModelsOn(run.summaries, run.options) as FitJobResults[Kind];
    case 'validate': return validateModelsOn(run.purchases, run.summaries, run.actual, run.options) as FitJobResults[Kind];
    case 'predict': return predictFromSummaries(run.purchases, run.summaries, run.options) as FitJobResults[Kind];
  }
}

/** The buffers behind the typed arrays in `value`, each once (a buffer listed twice is refused): what a message moves instead of copying. */
export function transferablesOf(value: unknown): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const seen = new Set<object>();
  const visit = (item: unknown): void => {
    if (typeof item !== 'object' || item === null || seen.has(item)) return;
    seen.add(item);
    if (ArrayBuffer.isView(item)) {
      if (item.buffer instanceof ArrayBuffer) buffers.add(item.buffer);
      return;
    }
    for (const entry of Array.isArray(item) ? item : Object.values(item)) visit(entry);
  };
  visit(value);
  return [...buffers];
}
