import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n-context.js';

type ConfirmBoxProps = {
  /** The question. It names the box for a screen reader unless `title` does. */
  question: ReactNode;
  /**
   * The action's short name, when the box sits in a row: it names the box and the question describes
   * it, so a row's name stays short ("Reset password", not a sentence about one-time passwords).
   */
  title?: string;
  /** What the question is about, under it. */
  children?: ReactNode;
  confirmLabel: string;
  /** While the answer is sent: the buttons stay focusable (focus is not lost) but do nothing. */
  isBusy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
};

/**
 * A question asked in the page before a destructive action. As it opens focus goes to Cancel, the least
 * destructive answer, so a keyboard user is in the box and Enter never destroys by accident; Escape
 * answers Cancel. The box is gone when focus should go back to the button that asked, so that is the
 * opener's part: `useFocusOnClose(isOpen, openerButton)`.
 */
export function ConfirmBox({ question, title, children, confirmLabel, isBusy = false, onConfirm, onCancel }: ConfirmBoxProps) {
  const { t } = useI18n();
  const questionId = useId();
  const cancelButton = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelButton.current?.focus(), []);
  const cancel = () => { if (!isBusy) onCancel(); };
  const confirm = () => { if (!isBusy) onConfirm(); };
  const cancelOnEscape = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    cancel();
  };
  const naming = title === undefined ? { 'aria-labelledby': questionId } : { 'aria-label': title, 'aria-describedby': questionId };
  return (
    <div className={title === undefined ? 'notice' : 'confirm-inline'} role="alertdialog" {...naming} onKeyDown={cancelOnEscape}>
      <p id={questionId} className={title === undefined ? undefined : 'small'}>{question}</p>
      {children}
      <div className="button-row">
        <button type="button" className="button-danger" aria-disabled={isBusy} onClick={confirm}>{confirmLabel}</button>
        <button ref={cancelButton} type="button" className="button-quiet" aria-disabled={isBusy} onClick={cancel}>{t('common.cancel')}</button>
      </div>
    </div>
  );
}
