import { ApiError } from '../../api/client.js';

/**
 * The merge that must be undone before the one refused: an undo is refused while the customer
 * who kept what it moved has since been merged into someone else (details.blockingMergeId).
 * Null for any other failure, or when the server could not name that merge.
 */
export function blockingMergeOf(error: Error | null): number | null {
  if (!(error instanceof ApiError) || error.code !== 'CUSTOMER_MERGE_UNDO_CONFLICT') return null;
  const blocking = error.details?.blockingMergeId;
  const id = typeof blocking === 'string' && /^\d+$/.test(blocking) ? Number(blocking) : blocking;
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : null;
}
