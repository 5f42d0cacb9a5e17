import { useRef, useState } from 'react';
import { api } from '../../api/client.js';
import type { Customer } from '../../api/types.js';
import { Card } from '../../components/card.js';
import { ConfirmBox } from '../../components/confirm-box.js';
import { downloadFile } from '../../components/csv.js';
import { safeFileName } from '../../components/file-name.js';
import { ErrorMessage } from '../../components/error-message.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { useRouter } from '../../routes/router.js';
import { customerLabel } from './customer-label.js';
import { noteDeletedCustomer } from './deleted-customer-notice.js';
import { useFocusOnClose } from './use-focus-on-close.js';

type Action = { status: 'idle' } | { status: 'exporting' } | { status: 'confirm-delete' } | { status: 'deleting' } | { status: 'failed'; error: Error };

/** `customer-1042-export.json`, `pelanggan-1042-ekspor.json`: named in the reader's language, as every download is. */
const exportFileName = (customerId: number, t: (key: string, variables?: Record<string, string | number>) => string) =>
  safeFileName(t('files.subjectExport', { id: customerId }), [], 'json');

/** The subject access export: audited in the signed-in person's name, so the server asks for the CSRF token with it. */
export const fetchSubjectExport = (customerId: number) => api.getAudited<unknown>(`/api/customers/${customerId}/export`);

/**
 * A subject access export (GET /api/customers/{id}/export, customers:export) and erasure (DELETE
 * /api/customers/{id}, customers:merge), each shown to those who may do it. Deleting cannot be undone, so it
 * is asked first, saying what goes; then the list says who went.
 */
export function PrivacyCard({ customer, canExport, canErase }: { customer: Customer; canExport: boolean; canErase: boolean }) {
  const { t } = useI18n();
  const { navigate } = useRouter();
  const [action, setAction] = useState<Action>({ status: 'idle' });
  // on by default: a person erased is kept off the lists a feed would put them back on, unless they asked otherwise
  const [keepsSuppression, setKeepsSuppression] = useState(true);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const isAsking = action.status === 'confirm-delete' || action.status === 'deleting';
  useFocusOnClose(isAsking, deleteButton);
  const customerId = customer.customer_id;

  const download = () => {
    if (action.status === 'exporting') return;
    setAction({ status: 'exporting' });
    fetchSubjectExport(customerId)
      .then((document) => { downloadFile(exportFileName(customerId, t), `${JSON.stringify(document, null, 2)}\n`, 'application/json;charset=utf-8'); setAction({ status: 'idle' }); })
      .catch((error: Error) => setAction({ status: 'failed', error }));
  };
  const remove = () => {
    setAction({ status: 'deleting' });
    api.delete(`/api/customers/${customerId}${keepsSuppression ? '' : '?suppression=false'}`)
      .then(() => { noteDeletedCustomer(customerId); navigate('/customers'); })
      .catch((error: Error) => setAction({ status: 'failed', error }));
  };

  return (
    <Card title={t('customer.privacy.title')}>
      <div className="button-row privacy-actions">
        {canExport ? (
          <button type="button" className="button-secondary" aria-disabled={action.status === 'exporting'} onClick={download}>
            {action.status === 'exporting' ? t('customer.privacy.exporting') : t('customer.privacy.export')}
          </button>
        ) : null}
        {isAsking || !canErase ? null : (
          <button ref={deleteButton} type="button" className="button-danger" onClick={() => setAction({ status: 'confirm-delete' })}>{t('customer.privacy.delete')}</button>
        )}
      </div>
      {isAsking ? (
        <ConfirmBox question={t('customer.privacy.deleteQuestion', { customer: customerLabel(customer, t) })} confirmLabel={t('customer.privacy.deleteConfirm')}
          isBusy={action.status === 'deleting'} onConfirm={remove} onCancel={() => setAction({ status: 'idle' })}>
          <p className="small">{t('customer.privacy.deleteErased')}</p>
          <label className="small">
            <input type="checkbox" checked={keepsSuppression} disabled={action.status === 'deleting'} onChange={(event) => setKeepsSuppression(event.target.checked)} />
            {' '}{t('customer.privacy.keepSuppression')}
          </label>
        </ConfirmBox>
      ) : null}
      {action.status === 'failed' ? <ErrorMessage error={action.error} /> : null}
    </Card>
  );
}
