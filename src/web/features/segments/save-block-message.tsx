import { useI18n } from '../../i18n/i18n-context.js';
import type { BuilderForm, SaveBlock } from './pending-condition.js';

const titleKeyByForm: Record<BuilderForm, string> = { comparison: 'segments.builder.comparisonTitle', purchase: 'segments.builder.purchaseTitle' };

/** Beside Save, after it refused: which condition form holds something not added, and how to settle it. */
export function SaveBlockMessage({ id, blocks }: { id: string; blocks: SaveBlock[] }) {
  const { t } = useI18n();
  // always rendered, so the alert region exists before its words arrive and screen readers announce them
  return (
    <div id={id} role="alert" className="save-block">
      {blocks.map((block) => {
        const form = t(titleKeyByForm[block.form]);
        return (
          <p key={block.form} className="inline-error">
            {block.reason === 'invalid'
              ? t('segments.builder.blockedInvalid', { form, problem: t(block.errorKey, block.errorValues) })
              : t('segments.builder.blockedUnfinished', { form })}
          </p>
        );
      })}
    </div>
  );
}
