import { useState } from 'react';
import { useI18n } from '../../i18n/i18n-context.js';

/**
 * A secret the server shows once (a new key, a one-time password): selectable text and a copy
 * button, with what to do next. The page forgets it when the person moves on.
 */
export function CopyOnce({ label, secret, explanation }: { label: string; secret: string; explanation: string }) {
  const { t } = useI18n();
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = () => {
    // no clipboard API outside a secure context (the app opened over plain http on a LAN address)
    if (!navigator.clipboard) {
      setCopyState('failed');
      return;
    }
    navigator.clipboard.writeText(secret).then(() => setCopyState('copied'), () => setCopyState('failed'));
  };
  return (
    <div className="copy-once notice-success" role="status">
      <p>{explanation}</p>
      <div className="copy-once-row">
        <code aria-label={label} className="copy-once-secret">{secret}</code>
        <button type="button" className="button-secondary" onClick={copy}>{t('settings.copy')}</button>
      </div>
      {copyState === 'copied' ? <p className="small">{t('settings.copied')}</p> : null}
      {copyState === 'failed' ? <p className="small inline-error">{t('settings.copyFailed')}</p> : null}
    </div>
  );
}
