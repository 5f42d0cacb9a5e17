import { parentPort, workerData } from 'node:worker_threads';
import { formatBatch, type BatchRequest, type BatchResponse, type BatchWorkerData } from './batches.js';
import { planStore } from './generate-store.js';

// the calibrated multiplier comes from the parent, so workers skip calibration
const data = workerData as BatchWorkerData;
const plan = planStore({ ...data.options, targetOrders: undefined, ordersPerCustomer: undefined, rateMultiplier: data.rateMultiplier });

parentPort!.on('message', (request: BatchRequest) => {
  let response: BatchResponse;
  try {
    response = { batch: request.batch, formatted: formatBatch(plan, request.from, request.to, data.options.includeTruth ?? true) };
  } catch (error) {
    response = { batch: request.batch, error: error instanceof Error ? error.stack ?? error.message : String(error) };
  }
  parentPort!.postMessage(response);
});
