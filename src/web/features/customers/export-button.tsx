import { useId, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n-context.js';
import { downloadFile } from '../../components/csv.js';
import { ErrorMessage } from '../../components/error-message.js';
import { exportCustomers, type CsvForm, type ExportProgress } from './export-customers.js';
import { exportFileName } from './export-file-name.js';
import { useLoadStoreSettings } from '../settings/store-settings-context.js';
import { isKnownCurrency, minorUnitsOf } from '../../../core/money.js';
import type { CsvMoney } from '../../../customers/customer-csv.js';

/** Amounts in the store currency's units, named in the header; without a currency, plain minor units. */
function csvMoneyOf(currency: string | null): CsvMoney {
  return { currency, minorPerMajor: currency && isKnownCurrency(currency) ? 10 ** minorUnitsOf(currency) : 1 };
}

type CsvExportButtonProps = {
  /** The file's name before its date, in the reader's language: "pelanggan"; "segmen" with the parts "vip-buyers", "persetujuan-email". */
  fileBase: string;
  fileParts?: readonly string[];
  exportCsv: (progress: ExportProgress) => Promise<string[]>;
  /** Nothing to export (an empty list): the buttons stay in their place, disabled, rather than write a file of headers only. */
  isDisabled?: boolean;
};

/**
 * Pages through a list into a CSV file, for a spreadsheet or in field codes for
 * re-import, showing the rows read so far, with a way to stop.
 */
export function CsvExportButton({ fileBase, fileParts = [], exportCsv, isDisabled = false }: CsvExportButtonProps) {
  const { locale, t, format } = useI18n();
  const loadSettings = useLoadStoreSettings();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const controller = useRef<AbortController | null>(null);
  const labelId = useId();

  const start = async (kind: CsvForm['kind']) => {
    const signal = (controller.current = new AbortController()).signal;
    setError(null);
    setProgress(0);
    try {
      // a click before the page has the store's settings waits for them: a file written without
      // them would carry amounts without their currency and times in the browser's zone
      const settings = await loadSettings(signal);
      const money = csvMoneyOf(settings?.currency ?? null);
      // a server that does not offer the settings: the browser's zone, as for the file's date
      const timeZone = settings?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
      const form: CsvForm = kind === 'machine' ? { kind, money } : { kind, locale, t, timeZone, money };
      const parts = await exportCsv({ onProgress: setProgress, signal, form });
      if (!signal.aborted) downloadFile(exportFileName(fileBase, [...fileParts, kind === 'machine' ? t('files.reimport') : null], new Date(), settings?.timeZone), new Blob(parts, { type: 'text/csv;charset=utf-8' }));
    } catch (caught) {
      if (!signal.aborted) setError(caught as Error);
    } finally {
      setProgress(null);
    }
  };

  return (
    <div className="export-button">
      {progress === null ? (
        <div role="group" aria-labelledby={labelId} className="export-button">
          <span id={labelId} className="muted small">{t('customers.export.start')}</span>
          <button type="button" className="button-secondary" disabled={isDisabled} title={isDisabled ? t('customers.export.nothing') : undefined} onClick={() => void start('spreadsheet')}>{t('customers.export.spreadsheet')}</button>
          <button type="button" className="button-quiet" disabled={isDisabled} title={isDisabled ? t('customers.export.nothing') : undefined} onClick={() => void start('machine')}>{t('customers.export.machine')}</button>
        </div>
      ) : (
        <>
          <span role="status" aria-live="polite">{t('customers.export.progress', { rows: format.number(progress) })}</span>
          <button type="button" className="button-quiet" onClick={() => controller.current?.abort()}>{t('common.cancel')}</button>
        </>
      )}
      {error ? <ErrorMessage error={error} /> : null}
    </div>
  );
}

/** The customer list's export: every customer its filter holds. */
export function ExportButton({ query, isDisabled }: { query: Record<string, string | number | undefined>; isDisabled: boolean }) {
  const { t } = useI18n();
  return <CsvExportButton fileBase={t('files.customers')} exportCsv={(progress) => exportCustomers(query, progress)} isDisabled={isDisabled} />;
}
