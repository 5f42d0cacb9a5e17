import type { ConsentProof } from '../../api/types.js';
import type { Formatters } from '../../i18n/format.js';

/**
 * The line under a consent's answer: "since 6 Dec 2026 · from an import (No. 12)", "· changed by staff", "· by a merge",
 * "· by undoing a merge", "· from an API batch". Null when `since` is not known (set before consent changes were recorded, or never).
 */
export function consentSinceText(
  proof: ConsentProof | null | undefined,
  { t, format }: { t: (key: string, variables?: Record<string, string | number>) => string; format: Pick<Formatters, 'date'> },
): string | null {
  if (!proof?.since) return null;
  const date = format.date(proof.since);
  if (proof.source === 'import') {
    return proof.import_run_id === null ? t('customer.consentSince.importUnnumbered', { date }) : t('customer.consentSince.import', { date, run: proof.import_run_id });
  }
  // the web app's file import and an API client's import runs: by their number, as on the home page's recent imports
  if (proof.source === 'ingest' && proof.import_run_id !== null) return t('customer.consentSince.ingestRun', { date, run: proof.import_run_id });
  if (proof.source === null) return t('customer.consentSince.noSource', { date });
  return t(`customer.consentSince.${proof.source}`, { date });
}
