import { useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n-context.js';
import { downloadFile } from '../../components/csv.js';
import { ErrorMessage } from '../../components/error-message.js';
import { exportCustomers } from './export-customers.js';
import { useStoreSettings } from '../settings/store-settings-context.js';

export function ExportButton({ query }: { query: Record<string, string | number | undefined> }) {
  const { t, format } = useI18n();
  const settings = useStoreSettings();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const controller = useRef<AbortController | null>(null);

  const start = async () => {
    controller.current = new AbortController();
    setError(null);
    setProgress(0);
    try {
      const csv = await exportCustomers(query, setProgress, controller.current.signal, { currency: settings?.currency ?? null, minorPerMajor: format.minorPerMajor });
      if (!controller.current.signal.aborted) downloadFile(`customers-${new Date().toISOString().slice(0, 10)}.csv`, csv);
    } catch (caught) {
      if (!controller.current?.signal.aborted) setError(caught as Error);
    } finally {
      setProgress(null);
    }
  };

  return (
    <div className="export-button">
      {progress === null ? (
        <button type="button" className="button-secondary" onClick={() => void start()}>{t('customers.export.start')}</button>
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
