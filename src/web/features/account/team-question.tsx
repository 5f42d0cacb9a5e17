import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { useI18n } from '../../i18n/i18n-context.js';

type TeamQuestionProps = { title: string; question: string; confirmLabel: string; isBusy: boolean; onConfirm: () => void; onCancel: () => void };

/**
 * A row's question before it disables a person or resets their password: like
 * `components/confirm-box.tsx` (focus to Cancel as it opens, Escape cancels), but named by the action
 * (`title`) with the question as its description, so a row's name stays short ("Reset password",
 * not a sentence about one-time passwords), and its buttons stay focusable while the answer is sent.
 */
export function TeamQuestion({ title, question, confirmLabel, isBusy, onConfirm, onCancel }: TeamQuestionProps) {
  const { t } = useI18n();
  const questionId = useId();
  const cancelButton = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelButton.current?.focus(), []);
  const cancel = () => { if (!isBusy) onCancel(); };
  const cancelOnEscape = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    cancel();
  };
  return (
    <div className="confirm-inline" role="alertdialog" aria-label={title} aria-describedby={questionId} onKeyDown={cancelOnEscape}>
      <p id={questionId} className="small">{question}</p>
      <div className="button-row">
        <button type="button" className="button-danger" aria-disabled={isBusy} onClick={() => { if (!isBusy) onConfirm(); }}>{confirmLabel}</button>
        <button ref={cancelButton} type="button" className="button-quiet" aria-disabled={isBusy} onClick={cancel}>{t('common.cancel')}</button>
      </div>
    </div>
  );
}
