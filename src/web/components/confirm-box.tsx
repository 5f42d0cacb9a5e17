import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n-context.js';

type ConfirmBoxProps = {
  /** The question, which names the box for a screen reader. */
  question: ReactNode;
  /** What the question is about, under it. */
  children?: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
};

/**
 * A question asked in the page before a destructive action. As it opens focus goes to Cancel, the least
 * destructive answer, so a keyboard user is in the box and Enter never destroys by accident; Escape
 * answers Cancel. The box is gone when focus should go back to the button that asked, so that is the
 * opener's part: `useFocusOnClose(isOpen, openerButton)`.
 */
export function ConfirmBox({ question, children, confirmLabel, onConfirm, onCancel }: ConfirmBoxProps) {
  const { t } = useI18n();
  const questionId = useId();
  const cancelButton = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelButton.current?.focus(), []);
  const cancelOnEscape = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    onCancel();
  };
  return (
    <div className="notice" role="alertdialog" aria-labelledby={questionId} onKeyDown={cancelOnEscape}>
      <p id={questionId}>{question}</p>
      {children}
      <div className="button-row">
        <button type="button" className="button-danger" onClick={onConfirm}>{confirmLabel}</button>
        <button ref={cancelButton} type="button" className="button-quiet" onClick={onCancel}>{t('common.cancel')}</button>
      </div>
    </div>
  );
}
