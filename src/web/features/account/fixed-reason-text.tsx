import type { FixedReason } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n-context.js';

/** Why a setting is fixed, in the reader's language (the server's English `message` says the same). */
export function FixedReasonText({ reason }: { reason: FixedReason }) {
  const { t } = useI18n();
  return <>{t(`settings.store.fixedBecause.${reason.code}`, { segments: (reason.segments ?? []).map((name) => `“${name}”`).join(', '), file: reason.file ?? '' })}</>;
}
